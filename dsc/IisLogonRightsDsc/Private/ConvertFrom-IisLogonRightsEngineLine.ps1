function ConvertFrom-IisLogonRightsEngineLine
{
    <#
    .SYNOPSIS
        Reads one stderr line of the engine.

    .DESCRIPTION
        With --log-format json (and always under `dsc`), the engine writes one-key JSON objects:
        {"error": "..."}, {"warn": "..."}, {"info": "..."} (the form DSC v3 also reads; debug and
        trace are accepted too). Anything else, such as node's own text when it cannot start the
        bundle, is returned with the level 'text' and the line as it was, never dropped.

    .PARAMETER Line
        One line of the engine's stderr.

    .EXAMPLE
        ConvertFrom-IisLogonRightsEngineLine -Line '{"warn":"no GPO data"}'

        Returns an object with Level 'warn' and Message 'no GPO data'.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Line
    )

    $text = $Line.Trim()
    if ($text.StartsWith('{') -and $text.EndsWith('}'))
    {
        $parsed = $null
        try
        {
            $parsed = ConvertFrom-Json -InputObject $text -ErrorAction Stop
        }
        catch
        {
            $parsed = $null
        }

        if ($null -ne $parsed)
        {
            $properties = @($parsed.PSObject.Properties)
            if ($properties.Count -eq 1 -and @('error', 'warn', 'info', 'debug', 'trace') -ccontains $properties[0].Name -and $properties[0].Value -is [System.String])
            {
                return [pscustomobject] @{
                    Level   = $properties[0].Name
                    Message = $properties[0].Value
                }
            }
        }
    }

    return [pscustomobject] @{
        Level   = 'text'
        Message = $Line
    }
}
