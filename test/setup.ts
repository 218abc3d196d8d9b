// Mocha re-emits unhandled rejections after removing its own listener, so a forgotten await
// would otherwise pass silently. Turning them into uncaught exceptions fails the run.
process.on('unhandledRejection', (reason) => {
  throw reason instanceof Error ? reason : new Error(`Unhandled promise rejection: ${String(reason)}`);
});
