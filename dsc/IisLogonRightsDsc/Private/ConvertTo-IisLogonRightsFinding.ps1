function ConvertTo-IisLogonRightsFinding
{
    <#
    .SYNOPSIS
        Turns one finding of the engine's result document into an IisLogonRightsDsc.Finding.

    .DESCRIPTION
        Keeps what a reader of a table or a script needs: where (Site, Path), who (Account,
        Sid, IdentityKind, LogonType), what (Right, DenyRight, Status, GpoOwner) and why
        (Message). InDesiredState labels the engine's status with the status table
        (Data\EngineContract.psd1, checked against src/core/status.ts); it decides nothing.

    .PARAMETER Finding
        One entry of the result document's findings (schemas/result.schema.json).

    .EXAMPLE
        $result.findings | ForEach-Object { ConvertTo-IisLogonRightsFinding -Finding $_ }
    #>
    [CmdletBinding()]
    [OutputType('IisLogonRightsDsc.Finding')]
    param
    (
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [System.Object]
        $Finding
    )

    process
    {
        $gpoOwner = $null
        if ($null -ne $Finding.allowRightOwner)
        {
            $gpoOwner = $Finding.allowRightOwner.name
        }

        [pscustomobject] @{
            PSTypeName     = 'IisLogonRightsDsc.Finding'
            Site           = $Finding.site
            Path           = $Finding.path
            Account        = $Finding.identity.name
            Sid            = $Finding.identity.sid
            IdentityKind   = $Finding.identity.kind
            LogonType      = $Finding.logonType
            Right          = $Finding.right
            DenyRight      = $Finding.denyRight
            Status         = $Finding.status
            InDesiredState = Test-IisLogonRightsStatus -Status $Finding.status
            GpoOwner       = $gpoOwner
            Message        = $Finding.message
        }
    }
}
