function Assert-IisLogonRightsBackupIntegrity
{
    <#
    .SYNOPSIS
        Refuses a backup that someone other than SYSTEM or Administrators could have written, or
        whose files differ from the SHA-256 manifest written at Set time.

    .DESCRIPTION
        Undo acts on what a backup says, so before anything in it is read:
        1. plan.json, rights-before.json and manifest.json must all be there
           (IisLogonRightsBackupIncomplete).
        2. The folder and those files must be owned by SYSTEM or Administrators, and no access
           rule may name anyone else (IisLogonRightsBackupUnprotected). Where Windows ACLs do
           not exist, Get-IisLogonRightsPathSecurity returns nothing and this step is skipped.
        3. manifest.json must list plan.json and rights-before.json, and every file it lists
           must have the SHA-256 it records (IisLogonRightsBackupTampered).

    .PARAMETER Folder
        The backup folder.

    .EXAMPLE
        Assert-IisLogonRightsBackupIntegrity -Folder $folder
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Folder
    )

    $trusted = @('S-1-5-18', 'S-1-5-32-544')
    $required = @('plan.json', 'rights-before.json', 'manifest.json')
    foreach ($name in $required)
    {
        if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($Folder, $name)))
        {
            $incomplete = @{
                ErrorId           = 'IisLogonRightsBackupIncomplete'
                Category          = 'ObjectNotFound'
                TargetObject      = $Folder
                Message           = 'The backup {0} has no {1}; Undo needs plan.json, rights-before.json and manifest.json as Set wrote them.' -f $Folder, $name
                RecommendedAction = 'Give a backup folder that Set-IisAnonymousLogonRight wrote, or restore the rights by hand from its secedit.inf.'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @incomplete))
        }
    }

    foreach ($path in @($Folder) + @(foreach ($name in $required) { [System.IO.Path]::Combine($Folder, $name) }))
    {
        $security = Get-IisLogonRightsPathSecurity -Path $path
        if ($null -eq $security)
        {
            Write-Verbose -Message ('No Windows ACL to check on {0}.' -f $path)
            continue
        }

        $strangers = @($security.Rules | Where-Object { $_.Type -eq 'Allow' -and $trusted -notcontains $_.Sid } | ForEach-Object { $_.Sid })
        if ($trusted -notcontains $security.Owner -or $strangers.Count -gt 0)
        {
            $unprotected = @{
                ErrorId           = 'IisLogonRightsBackupUnprotected'
                Category          = 'SecurityError'
                TargetObject      = $path
                Message           = '{0} is owned by {1} and grants access to {2}; a backup is trusted only when SYSTEM or Administrators own it and nobody else has access.' -f $path, $security.Owner, $(if ($strangers.Count -gt 0) { $strangers -join ', ' } else { 'SYSTEM and Administrators only' })
                RecommendedAction = 'Use a backup under the backup root that Set created; do not copy backups from elsewhere.'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @unprotected))
        }
    }

    $manifestPath = [System.IO.Path]::Combine($Folder, 'manifest.json')
    $manifest = $null
    try
    {
        $manifest = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($manifestPath)) -ErrorAction Stop
    }
    catch
    {
        $manifest = $null
    }

    $problem = $null
    if ($null -eq $manifest -or $manifest.algorithm -ne 'SHA-256' -or $null -eq $manifest.files)
    {
        $problem = 'manifest.json is not a SHA-256 manifest'
    }
    else
    {
        $listed = @($manifest.files.PSObject.Properties | ForEach-Object { $_.Name })
        foreach ($name in 'plan.json', 'rights-before.json')
        {
            if ($null -eq $problem -and $listed -cnotcontains $name)
            {
                $problem = 'manifest.json does not list {0}' -f $name
            }
        }

        foreach ($entry in $manifest.files.PSObject.Properties)
        {
            if ($null -ne $problem)
            {
                break
            }

            $path = [System.IO.Path]::Combine($Folder, $entry.Name)
            if ($entry.Name -notmatch '^[A-Za-z0-9.-]+$' -or -not [System.IO.File]::Exists($path))
            {
                $problem = 'the manifest lists {0}, which is not a file in the backup' -f $entry.Name
            }
            elseif ((Get-IisLogonRightsFileHash -Path $path) -ne [System.String] $entry.Value)
            {
                $problem = '{0} is not the file Set wrote (its SHA-256 differs from the manifest)' -f $entry.Name
            }
        }
    }

    if ($null -ne $problem)
    {
        $tampered = @{
            ErrorId           = 'IisLogonRightsBackupTampered'
            Category          = 'SecurityError'
            TargetObject      = $Folder
            Message           = 'The backup {0} was changed after Set wrote it: {1}. Nothing was undone.' -f $Folder, $problem
            RecommendedAction = 'Restore the rights by hand from the backup''s secedit.inf after checking it, or from your own records.'
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @tampered))
    }
}
