/**
 * Large applicationHost.config documents of two shapes that a quadratic lookup would make slow.
 * The unit tests parse them at one size and check the result; `npm run bench` (bench/parse-growth.ts)
 * parses them at two sizes and reports how the time grows.
 */

function anonymousLocation(path: string, attributes: string): string {
  return `<location path="${path}"><system.webServer><security><authentication><anonymousAuthentication ${attributes} /></authentication></security></system.webServer></location>`;
}

function configuration(sites: string, locations: string): string {
  return [
    '<?xml version="1.0"?>',
    '<configuration>',
    '<system.applicationHost><applicationPools><add name="DefaultAppPool" /></applicationPools>',
    `<sites>${sites}<applicationDefaults applicationPool="DefaultAppPool" /></sites></system.applicationHost>`,
    locations,
    '</configuration>',
  ].join('\n');
}

/**
 * `count` sites, each with a root and an /api application, and one location tag per site on
 * /api/v1 that sets userName="": 3 x `count` scopes, the last one `site<count-1>/api/v1`.
 */
export function manySitesDocument(count: number): string {
  const sites: string[] = [];
  const locations: string[] = [];
  for (let i = 0; i < count; i++) {
    sites.push(
      `<site name="site${i}" id="${i + 1}"><application path="/" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="D:\\s${i}"/></application>` +
        `<application path="/api"/><bindings><binding protocol="http" bindingInformation="*:80:s${i}"/></bindings></site>\n`,
    );
    locations.push(anonymousLocation(`site${i}/api/v1`, 'userName=""'));
  }
  return configuration(sites.join(''), locations.join('\n'));
}

/**
 * One site S with `count` applications, one application `count` levels deep holding `count`
 * virtual directories, and `count` location tags on S of which the last sets userName="last":
 * 2 x `count` + 2 scopes, the last a virtual directory whose anonymous user is "last".
 */
export function hostileShapesDocument(count: number): string {
  const deepPath = `/${Array.from({ length: count }, (_, i) => `d${i}`).join('/')}`;
  const applications = Array.from({ length: count }, (_, i) => `<application path="/a${i}"/>`).join('');
  const directories = Array.from({ length: count }, (_, i) => `<virtualDirectory path="/v${i}"/>`).join('');
  const site = `<site name="S" id="1"><application path="/"/>${applications}<application path="${deepPath}">${directories}</application></site>`;
  const locations = Array.from({ length: count }, (_, i) =>
    anonymousLocation('S', i === count - 1 ? 'userName="last"' : 'enabled="true"'),
  ).join('\n');
  return configuration(site, locations);
}
