// Adds, removes and lists the account rights of one SID through the LSA policy API, the way
// the plan asks for them: one SID, one right at a time, never the whole holder list (secedit
// /configure would replace every holder of a right). Compiled by Add-Type in Windows
// PowerShell 5.1 (C# 5 compiler) and PowerShell 7, so it keeps to C# 5 syntax.
// Initialize-IisLogonRightsLsaType compiles it with the module version in the namespace, so a
// long-lived host (the LCM's WmiPrvSE) that loaded an older module never reuses its stale type.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace IisLogonRightsDsc
{
    public static class Lsa
    {
        private const uint PolicyViewLocalInformation = 0x00000001;
        private const uint PolicyCreateAccount = 0x00000010;
        private const uint PolicyLookupNames = 0x00000800;
        private const uint StatusObjectNameNotFound = 0xC0000034;

        [StructLayout(LayoutKind.Sequential)]
        private struct LsaUnicodeString
        {
            public ushort Length;
            public ushort MaximumLength;
            public IntPtr Buffer;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct LsaObjectAttributes
        {
            public int Length;
            public IntPtr RootDirectory;
            public IntPtr ObjectName;
            public uint Attributes;
            public IntPtr SecurityDescriptor;
            public IntPtr SecurityQualityOfService;
        }

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern uint LsaOpenPolicy(IntPtr systemName, ref LsaObjectAttributes objectAttributes, uint desiredAccess, out IntPtr policyHandle);

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern uint LsaAddAccountRights(IntPtr policyHandle, byte[] accountSid, LsaUnicodeString[] userRights, uint countOfRights);

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern uint LsaRemoveAccountRights(IntPtr policyHandle, byte[] accountSid, [MarshalAs(UnmanagedType.U1)] bool allRights, LsaUnicodeString[] userRights, uint countOfRights);

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern uint LsaEnumerateAccountRights(IntPtr policyHandle, byte[] accountSid, out IntPtr userRights, out uint countOfRights);

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern uint LsaFreeMemory(IntPtr buffer);

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern uint LsaClose(IntPtr policyHandle);

        [DllImport("advapi32.dll", SetLastError = false)]
        private static extern int LsaNtStatusToWinError(uint status);

        /// <summary>Grants one right to one SID (LsaAddAccountRights); a right already held is not an error.</summary>
        public static void AddAccountRight(string sid, string right)
        {
            IntPtr policy = OpenPolicy();
            IntPtr buffer = IntPtr.Zero;
            try
            {
                LsaUnicodeString[] rights = new LsaUnicodeString[] { ToLsaString(right, out buffer) };
                Check(LsaAddAccountRights(policy, SidBytes(sid), rights, 1), "LsaAddAccountRights", sid, right);
            }
            finally
            {
                if (buffer != IntPtr.Zero) Marshal.FreeHGlobal(buffer);
                LsaClose(policy);
            }
        }

        /// <summary>Removes one right from one SID (LsaRemoveAccountRights); a right not held is not an error.</summary>
        public static void RemoveAccountRight(string sid, string right)
        {
            IntPtr policy = OpenPolicy();
            IntPtr buffer = IntPtr.Zero;
            try
            {
                LsaUnicodeString[] rights = new LsaUnicodeString[] { ToLsaString(right, out buffer) };
                uint status = LsaRemoveAccountRights(policy, SidBytes(sid), false, rights, 1);
                // An account that holds no right at all has no LSA account object to remove from.
                if (status == StatusObjectNameNotFound) return;
                Check(status, "LsaRemoveAccountRights", sid, right);
            }
            finally
            {
                if (buffer != IntPtr.Zero) Marshal.FreeHGlobal(buffer);
                LsaClose(policy);
            }
        }

        /// <summary>The rights and privileges held directly by one SID (not through its groups).</summary>
        public static string[] GetAccountRights(string sid)
        {
            IntPtr policy = OpenPolicy();
            IntPtr rightsBuffer = IntPtr.Zero;
            try
            {
                uint count;
                uint status = LsaEnumerateAccountRights(policy, SidBytes(sid), out rightsBuffer, out count);
                if (status == StatusObjectNameNotFound) return new string[0];
                Check(status, "LsaEnumerateAccountRights", sid, null);
                List<string> result = new List<string>();
                int size = Marshal.SizeOf(typeof(LsaUnicodeString));
                for (int index = 0; index < count; index++)
                {
                    LsaUnicodeString item = (LsaUnicodeString)Marshal.PtrToStructure(new IntPtr(rightsBuffer.ToInt64() + index * size), typeof(LsaUnicodeString));
                    result.Add(Marshal.PtrToStringUni(item.Buffer, item.Length / 2));
                }
                return result.ToArray();
            }
            finally
            {
                if (rightsBuffer != IntPtr.Zero) LsaFreeMemory(rightsBuffer);
                LsaClose(policy);
            }
        }

        private static IntPtr OpenPolicy()
        {
            LsaObjectAttributes attributes = new LsaObjectAttributes();
            attributes.Length = Marshal.SizeOf(typeof(LsaObjectAttributes));
            IntPtr policy;
            Check(LsaOpenPolicy(IntPtr.Zero, ref attributes, PolicyViewLocalInformation | PolicyCreateAccount | PolicyLookupNames, out policy), "LsaOpenPolicy", null, null);
            return policy;
        }

        private static byte[] SidBytes(string sid)
        {
            SecurityIdentifier identifier = new SecurityIdentifier(sid);
            byte[] bytes = new byte[identifier.BinaryLength];
            identifier.GetBinaryForm(bytes, 0);
            return bytes;
        }

        private static LsaUnicodeString ToLsaString(string text, out IntPtr buffer)
        {
            buffer = Marshal.StringToHGlobalUni(text);
            LsaUnicodeString value = new LsaUnicodeString();
            value.Buffer = buffer;
            value.Length = (ushort)(text.Length * 2);
            value.MaximumLength = (ushort)(text.Length * 2 + 2);
            return value;
        }

        /// <summary>
        /// NT_SUCCESS: the severity bits say success or informational (high bit clear). Some
        /// calls return a non-zero success status, such as STATUS_SOME_NOT_MAPPED (0x00000107).
        /// </summary>
        public static bool IsSuccess(uint status)
        {
            return (status & 0x80000000u) == 0;
        }

        private static void Check(uint status, string call, string sid, string right)
        {
            if (IsSuccess(status)) return;
            int win32 = LsaNtStatusToWinError(status);
            string subject = sid == null ? "" : " for " + sid + (right == null ? "" : " and " + right);
            throw new Win32Exception(win32, call + subject + " failed: " + new Win32Exception(win32).Message + " (NTSTATUS 0x" + status.ToString("X8") + ")");
        }
    }
}
