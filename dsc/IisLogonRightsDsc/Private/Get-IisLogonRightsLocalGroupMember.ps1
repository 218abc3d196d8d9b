function Get-IisLogonRightsLocalGroupMember
{
    <#
    .SYNOPSIS
        Returns every local group of this computer with the SIDs of its direct members.

    .DESCRIPTION
        A boundary function (tests replace it). Reads the local groups through ADSI (WinNT
        provider), which exists in every edition and bitness of PowerShell on Windows, unlike the
        LocalAccounts module. Local groups cannot contain local groups, so direct members are
        the whole story on this side; domain groups and well-known SIDs among the members are
        matched by Resolve-IisLogonRightsTokenGroup.

    .EXAMPLE
        $members = Get-IisLogonRightsLocalGroupMember   # @{ 'S-1-5-32-545' = @('S-1-5-4', 'S-1-5-11', ...) }
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param ()

    $members = @{}
    $computer = [System.DirectoryServices.DirectoryEntry]::new(('WinNT://{0},computer' -f $env:COMPUTERNAME))
    try
    {
        foreach ($child in $computer.psbase.Children)
        {
            if ($child.psbase.SchemaClassName -ne 'group')
            {
                continue
            }

            $groupSid = [System.Security.Principal.SecurityIdentifier]::new([System.Byte[]] $child.psbase.Properties['objectSid'].Value, 0).Value
            $memberSids = [System.Collections.Generic.List[System.String]]::new()
            foreach ($member in @($child.psbase.Invoke('Members')))
            {
                $sidBytes = [System.Byte[]] $member.GetType().InvokeMember('objectSid', [System.Reflection.BindingFlags]::GetProperty, $null, $member, $null)
                $memberSids.Add([System.Security.Principal.SecurityIdentifier]::new($sidBytes, 0).Value)
            }

            $members[$groupSid] = $memberSids.ToArray()
        }
    }
    finally
    {
        $computer.Dispose()
    }

    return $members
}
