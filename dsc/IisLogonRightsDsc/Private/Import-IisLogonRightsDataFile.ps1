function Import-IisLogonRightsDataFile
{
    <#
    .SYNOPSIS
        Reads a PowerShell data file (.psd1) that holds only literals.

    .DESCRIPTION
        Does what Import-PowerShellDataFile does, with engine calls that exist in every
        PowerShell edition and host (the Core engine used by the repository's tests lacks the
        Utility module): the file is parsed, checked against the restricted language (literals,
        hashtables, arrays, $true, $false, $null; no commands, no variables), and evaluated.

    .PARAMETER Path
        The full path of the .psd1 file.

    .EXAMPLE
        Import-IisLogonRightsDataFile -Path 'C:\Program Files\WindowsPowerShell\Modules\IisLogonRightsDsc\0.1.0\Data\EngineContract.psd1'
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    $tokens = $null
    $parseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $parseErrors)
    if ($parseErrors.Count -gt 0)
    {
        throw ('{0} does not parse: {1}' -f $Path, $parseErrors[0].Message)
    }

    $scriptBlock = $ast.GetScriptBlock()
    # Throws a ParseException naming the first construct outside the data language.
    $scriptBlock.CheckRestrictedLanguage([string[]] @(), [string[]] @(), $false)
    $value = & $scriptBlock
    if ($value -isnot [hashtable])
    {
        throw ('{0} does not hold a single hashtable' -f $Path)
    }

    return $value
}
