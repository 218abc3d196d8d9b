function ConvertTo-IisLogonRightsJson
{
    <#
    .SYNOPSIS
        Writes a value as JSON text made only of ASCII characters.

    .DESCRIPTION
        The module writes its own JSON instead of calling ConvertTo-Json, because in Windows
        PowerShell 5.1 ConvertTo-Json cuts nesting silently at -Depth 2 by default, turns a
        one-element array read from the pipeline into a bare value, and emits the text in the
        console code page's terms when it reaches a native process. This writer keeps every
        level, keeps arrays as arrays, preserves key order of ordered dictionaries, and escapes
        every character outside printable ASCII as \uXXXX, so the text survives any code page on
        its way to node, to a file or to DSC.

        Supported values: $null, strings, characters, booleans, numbers, enums (as their names),
        DateTime (ISO 8601), dictionaries (keys as strings), PSCustomObject (note properties),
        and any other enumerable (as an array). Anything else is an error rather than a silent
        ToString().

    .PARAMETER InputObject
        The value to write.

    .PARAMETER Indent
        Write one member per line, indented by two spaces (for files people read).

    .EXAMPLE
        ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ computerName = 'WEB01'; domainJoined = $true })

        Returns {"computerName":"WEB01","domainJoined":true}
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [AllowEmptyString()]
        [AllowEmptyCollection()]
        [System.Object]
        $InputObject,

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $Indent
    )

    $builder = [System.Text.StringBuilder]::new()
    Add-IisLogonRightsJsonValue -Builder $builder -Value $InputObject -Level 0 -Indent:$Indent
    return $builder.ToString()
}
