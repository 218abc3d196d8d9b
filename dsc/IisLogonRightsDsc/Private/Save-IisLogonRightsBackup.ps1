function Save-IisLogonRightsBackup
{
    <#
    .SYNOPSIS
        Writes the backup and undo plan of a change before anything is applied.

    .DESCRIPTION
        Creates a new folder under Root named after the UTC time and a random suffix, holding:
        plan.json (the checked plan: its actions, and the undo actions that restore exactly what
        they change), rights-before.json (the rights each affected SID held directly before the
        change, read from LSA), secedit.inf (the whole user-rights export before the change, for
        a person to read), README.txt (how to undo) and manifest.json (the SHA-256 of each of
        them, which Undo compares before it reads anything). The root is created, or locked
        down again, with Initialize-IisLogonRightsBackupRoot first. Returns the folder's path, which
        Undo-IisAnonymousLogonRight -BackupPath takes.

    .PARAMETER Root
        The folder that holds backups.

    .PARAMETER PlanJson
        The checked plan's text.

    .PARAMETER RightsBefore
        SID to the rights it held before the change.

    .PARAMETER SeceditText
        The user-rights export before the change (may be empty when not available).

    .EXAMPLE
        $backup = Save-IisLogonRightsBackup -Root $root -PlanJson $checked.Json -RightsBefore $before -SeceditText $facts.Files['secedit.inf']
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Root,

        [Parameter(Mandatory = $true)]
        [System.String]
        $PlanJson,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $RightsBefore,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $SeceditText = ''
    )

    # The root gets its explicit ACL (SYSTEM and Administrators, inheritance off) before it
    # holds anything, and everything written below inherits it.
    Initialize-IisLogonRightsBackupRoot -Path $Root -Confirm:$false
    $stamp = [System.DateTime]::UtcNow.ToString('yyyyMMddTHHmmssfffZ', [System.Globalization.CultureInfo]::InvariantCulture)
    $folder = [System.IO.Path]::Combine($Root, ('{0}-{1}' -f $stamp, [System.Guid]::NewGuid().ToString('N').Substring(0, 8)))
    $null = [System.IO.Directory]::CreateDirectory($folder)
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'plan.json'), $PlanJson, $utf8)
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'rights-before.json'), (ConvertTo-IisLogonRightsJson -InputObject $RightsBefore -Indent), $utf8)
    if ($SeceditText -ne '')
    {
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'secedit.inf'), $SeceditText, $utf8)
    }

    $readme = @(
        'Backup written by IisLogonRightsDsc before it changed logon rights on this computer.',
        '',
        'plan.json          the checked plan: "actions" were applied, "undo" restores exactly what they changed',
        'rights-before.json the rights each affected SID held directly before the change',
        'secedit.inf        the user-rights assignment before the change (secedit /export /areas USER_RIGHTS)',
        'manifest.json      the SHA-256 of each file above; Undo refuses a backup whose files differ from it',
        '',
        'To undo:',
        ('    Undo-IisAnonymousLogonRight -BackupPath ''{0}''' -f $folder)
    ) -join [System.Environment]::NewLine
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'README.txt'), $readme, $utf8)
    $hashes = [ordered] @{}
    foreach ($name in 'plan.json', 'rights-before.json', 'secedit.inf', 'README.txt')
    {
        $path = [System.IO.Path]::Combine($folder, $name)
        if ([System.IO.File]::Exists($path))
        {
            $hashes[$name] = Get-IisLogonRightsFileHash -Path $path
        }
    }

    $manifest = [ordered] @{ algorithm = 'SHA-256'; files = $hashes }
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'manifest.json'), (ConvertTo-IisLogonRightsJson -InputObject $manifest -Indent), $utf8)
    return $folder
}
