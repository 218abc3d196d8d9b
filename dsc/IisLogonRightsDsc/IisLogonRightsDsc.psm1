<#
    IisLogonRightsDsc: collects the facts on a Windows web server, lets the iis-logon-rights
    engine (node, bin\iis-logon-rights.cjs) decide, and applies the engine's identity-scoped plan
    through the LSA API.

    The classes live in this file, not in a dot-sourced Classes\ folder: the DSC engines
    (Get-DscResource, the LCM, Invoke-DscResource) find class-based resources by parsing the
    module's root .psm1, so a class defined in another file would not be found. The classes
    only delegate to the public functions, which are dot-sourced below.

    Windows PowerShell 5.1 syntax only, ASCII only (test/ps checks both with the real parser).
#>

Set-StrictMode -Version 2.0

# A failing step stops the command instead of letting the next statement run on a $null
# (PowerShell's default lets a function continue after a statement-terminating error). Callers
# can still pass -ErrorAction to a public command.
$ErrorActionPreference = 'Stop'

# Module state. Initialised here because strict mode refuses to read unset variables.
$script:IisLogonRightsNodeJsPath = $null
$script:IisLogonRightsEngineContract = $null
$script:IisLogonRightsVerifiedEngines = $null
$script:IisLogonRightsLsaType = $null
$script:IisLogonRightsEngineHost = $null
$script:IisLogonRightsJsEngine = $null
$script:IisLogonRightsPreparedBundle = $null
$script:IisLogonRightsAssemblyResolver = $null

<#
    .SYNOPSIS
        One Azure Machine Configuration reason: why the resource is not in the desired state.

    .DESCRIPTION
        Machine Configuration requires exactly two string properties, Code and Phrase. Code is
        IisAnonymousLogonRight:IisAnonymousLogonRight:<Status>; the engine writes both.
#>
class IisLogonRightsReason
{
    [DscProperty()]
    [System.String]
    $Code

    [DscProperty()]
    [System.String]
    $Phrase
}

<#
    .SYNOPSIS
        One finding: a site, path and anonymous identity, the right it needs and its status.
#>
class IisLogonRightsFinding
{
    [DscProperty()]
    [System.String]
    $Site

    [DscProperty()]
    [System.String]
    $Path

    [DscProperty()]
    [System.String]
    $Account

    [DscProperty()]
    [System.String]
    $Sid

    [DscProperty()]
    [System.String]
    $Right

    [DscProperty()]
    [System.String]
    $Status
}

<#
    .SYNOPSIS
        The DSC resource: every identity IIS uses for anonymous requests in the scope holds the
        logon right its logon type needs, is not denied, and keeps it after the next Group
        Policy refresh.

    .DESCRIPTION
        Get(), Test() and Set() only delegate to Get-, Test- and Set-IisAnonymousLogonRight.
        Properties mirror schemas/dsc-instance.schema.json (test/ps/module-commands.test.ts checks it).

        ## Requirements
        Node.js 20 or later on the node, visible to SYSTEM (see about_IisLogonRightsDsc).

        ## Known issues
        Set never changes a right that a GPO owns unless AllowTemporaryFix is true, and then
        the change lasts only until the next Group Policy refresh; the fix is the GPO. With
        AllowTemporaryFix true, Get and Test count such a granted-until-refresh finding
        (revoked-at-refresh) as in the desired state, keep its Reason and warn naming the GPO,
        so a configuration converges instead of granting again at every consistency check.
#>
[DscResource()]
class IisAnonymousLogonRight
{
    [DscProperty(Key)]
    [System.String]
    $Scope

    [DscProperty()]
    [ValidateSet('documented', 'conservative')]
    [System.String]
    $RuleSet = 'documented'

    [DscProperty()]
    [System.Boolean]
    $AllowTemporaryFix = $false

    [DscProperty(NotConfigurable)]
    [System.Boolean]
    $InDesiredState

    [DscProperty(NotConfigurable)]
    [IisLogonRightsReason[]]
    $Reasons

    [DscProperty(NotConfigurable)]
    [IisLogonRightsFinding[]]
    $Findings

    [IisAnonymousLogonRight] Get()
    {
        $state = Get-IisAnonymousLogonRight -Scope $this.Scope -RuleSet $this.RuleSet -AllowTemporaryFix:$this.AllowTemporaryFix
        $current = [IisAnonymousLogonRight]::new()
        $current.Scope = $this.Scope
        $current.RuleSet = $this.RuleSet
        $current.AllowTemporaryFix = $this.AllowTemporaryFix
        $current.InDesiredState = $state.InDesiredState
        $current.Reasons = [IisLogonRightsReason[]] @(
            foreach ($reason in $state.Reasons)
            {
                $item = [IisLogonRightsReason]::new()
                $item.Code = $reason.Code
                $item.Phrase = $reason.Phrase
                $item
            }
        )
        $current.Findings = [IisLogonRightsFinding[]] @(
            foreach ($finding in $state.Findings)
            {
                $item = [IisLogonRightsFinding]::new()
                $item.Site = $finding.Site
                $item.Path = $finding.Path
                $item.Account = $finding.Account
                $item.Sid = $finding.Sid
                $item.Right = $finding.Right
                $item.Status = $finding.Status
                $item
            }
        )
        return $current
    }

    [System.Boolean] Test()
    {
        return [System.Boolean] (Test-IisAnonymousLogonRight -Scope $this.Scope -RuleSet $this.RuleSet -AllowTemporaryFix:$this.AllowTemporaryFix)
    }

    [void] Set()
    {
        Set-IisAnonymousLogonRight -Scope $this.Scope -RuleSet $this.RuleSet -AllowTemporaryFix:$this.AllowTemporaryFix -Confirm:$false
    }
}

<#
    .SYNOPSIS
        The files of this host, as the in-process engine asks for them.

    .DESCRIPTION
        The engine bundle runs in Jint inside this process and reads snapshot folders, --with-gpo
        baselines and plan files through an object with these methods (EngineHost in
        src/engine.ts); Get-IisLogonRightsHostFileAnswer answers the file requests.
        A PowerShell class, not script blocks, because Jint calls .NET methods by their real
        parameters, and a script block delegate has a hidden one.

        readFileBytes, decode and encodeUtf8 let .NET do what Jint would otherwise interpret byte by
        byte (seconds for a large applicationHost.config), and sha1Utf16le the SHA-1 behind each
        application pool's SID (Get-IisLogonRightsUtf16Sha1): readFileBytes answers the file as a
        JavaScript ArrayBuffer over the bytes .NET read; decode is strict
        (ConvertFrom-IisLogonRightsUnicodeByte); encodeUtf8 writes an unpaired surrogate as U+FFFD,
        as the engine's own encoder does. xmlEvents tokenizes an XML document with .NET's
        XmlReader in place of saxes, or answers $null and leaves it to saxes
        (ConvertTo-IisLogonRightsXmlEventText). Engine is the Jint engine the ArrayBuffers belong
        to (typed [object]: this class is parsed before Jint is loaded).
#>
class IisLogonRightsEngineFiles
{
    hidden [System.Object] $Engine

    IisLogonRightsEngineFiles([System.Object] $Engine)
    {
        $this.Engine = $Engine
    }

    [System.String] stat([System.String] $Path)
    {
        return Get-IisLogonRightsHostFileAnswer -Operation 'stat' -Path $Path
    }

    [System.String] list([System.String] $Folder)
    {
        return Get-IisLogonRightsHostFileAnswer -Operation 'list' -Path $Folder
    }

    [System.String] readFile([System.String] $Path, [System.Double] $Limit)
    {
        return Get-IisLogonRightsHostFileAnswer -Operation 'readFile' -Path $Path -Limit ([System.Int64] $Limit)
    }

    [System.Object] readFileBytes([System.String] $Path, [System.Double] $Limit)
    {
        $answer = Get-IisLogonRightsHostFileAnswer -Operation 'readFileBytes' -Path $Path -Limit ([System.Int64] $Limit)
        if ($answer -is [System.String])
        {
            return $answer
        }

        return $this.Engine.Intrinsics.ArrayBuffer.Construct([System.Byte[]] $answer)
    }

    [System.Object] decode([System.Byte[]] $Bytes, [System.String] $Encoding, [System.Int32] $Start)
    {
        return ConvertFrom-IisLogonRightsUnicodeByte -Bytes $Bytes -Encoding $Encoding -Start $Start
    }

    [System.Object] encodeUtf8([System.String] $Text)
    {
        return $this.Engine.Intrinsics.ArrayBuffer.Construct([System.Text.UTF8Encoding]::new($false, $false).GetBytes($Text))
    }

    [System.Object] sha1Utf16le([System.String] $Text)
    {
        $digest = Get-IisLogonRightsUtf16Sha1 -Text $Text
        if ($null -eq $digest)
        {
            return $null
        }

        return $this.Engine.Intrinsics.ArrayBuffer.Construct([System.Byte[]] $digest)
    }

    [System.Object] xmlEvents([System.String] $Text, [System.Boolean] $Namespaces, [System.Boolean] $KeepText)
    {
        return ConvertTo-IisLogonRightsXmlEventText -Text $Text -Namespaces $Namespaces -KeepText $KeepText
    }

    [System.String] resolve([System.String] $Path)
    {
        return Get-IisLogonRightsHostFileAnswer -Operation 'resolve' -Path $Path
    }

    [System.String] join([System.String] $Folder, [System.String] $Name)
    {
        return Get-IisLogonRightsHostFileAnswer -Operation 'join' -Path $Folder -Name $Name
    }

    [System.String] basename([System.String] $Path)
    {
        return Get-IisLogonRightsHostFileAnswer -Operation 'basename' -Path $Path
    }
}

foreach ($folder in @('Private', 'Public'))
{
    $files = [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($PSScriptRoot, $folder), '*.ps1')
    [System.Array]::Sort($files, [System.StringComparer]::Ordinal)
    foreach ($file in $files)
    {
        . $file
    }
}

# Set-IisLogonRightsNodePath is the old name of Set-IisLogonRightsNodeJsPath (its [Alias()]).
Export-ModuleMember -Alias 'Set-IisLogonRightsNodePath' -Function @(
    'Export-IisLogonRightsSnapshot',
    'Get-IisAnonymousLogonRight',
    'Set-IisAnonymousLogonRight',
    'Set-IisLogonRightsEngineHost',
    'Set-IisLogonRightsNodeJsPath',
    'Test-IisAnonymousLogonRight',
    'Undo-IisAnonymousLogonRight'
)
