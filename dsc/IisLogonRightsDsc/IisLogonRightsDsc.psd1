@{
    RootModule           = 'IisLogonRightsDsc.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '2d0b0b4e-3dea-407f-aa54-31e72ea843b8'
    Author               = 'iis-logon-rights contributors'
    CompanyName          = 'iis-logon-rights'
    Copyright            = '(c) iis-logon-rights contributors. MIT License.'
    Description          = 'Checks, and on request fixes, that every identity IIS uses for anonymous requests holds the Windows logon right its logon type needs, is not caught by a deny right, and keeps it after the next Group Policy refresh. Collects the facts on the host, lets the iis-logon-rights engine decide (in-process, in the Jint interpreter shipped with the module: no Node.js needed), and applies identity-scoped grants and revokes through the LSA API. Class-based DSC resource IisAnonymousLogonRight with Reasons for Azure Machine Configuration.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')

    FunctionsToExport    = @(
        'Export-IisLogonRightsSnapshot',
        'Get-IisAnonymousLogonRight',
        'Set-IisAnonymousLogonRight',
        'Set-IisLogonRightsEngineHost',
        'Set-IisLogonRightsNodeJsPath',
        'Test-IisAnonymousLogonRight',
        'Undo-IisAnonymousLogonRight'
    )

    # CmdletsToExport is left out on purpose: when CmdletsToExport, FunctionsToExport and
    # AliasesToExport are all present without a wildcard, PowerShell 7 stops reporting the
    # module's DSC resources (PowerShell/PowerShell#12054, PSDesiredStateConfiguration#101).
    # A script module has no cmdlets to export anyway.
    VariablesToExport    = @()
    AliasesToExport      = @('Set-IisLogonRightsNodePath')
    DscResourcesToExport = @('IisAnonymousLogonRight')
    FormatsToProcess     = @('IisLogonRightsDsc.format.ps1xml')

    # ProjectUri and LicenseUri are left out: the project has no public address yet, and a
    # gallery shows both as links. The licence ships in the module folder as LICENSE.
    PrivateData          = @{
        PSData = @{
            Tags         = @('DSC', 'DSCResource', 'DesiredStateConfiguration', 'IIS', 'UserRights', 'LogonRights', 'GroupPolicy', 'Windows', 'PSEdition_Desktop', 'PSEdition_Core')
            ReleaseNotes = '0.1.0: first release. Get, Test and Set of the logon rights of every identity IIS uses for anonymous requests; class-based DSC resource IisAnonymousLogonRight with Reasons; DSC v3 resource IisLogonRights/AnonymousLogonRight (manifest in the module folder); the engine runs in-process (Jint, shipped in bin) on Windows PowerShell 5.1 and PowerShell 7, or with Node.js on request.'
            Prerelease   = ''
        }
    }
}
