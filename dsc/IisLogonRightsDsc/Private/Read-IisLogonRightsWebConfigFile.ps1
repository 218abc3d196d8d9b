function Read-IisLogonRightsWebConfigFile
{
    <#
    .SYNOPSIS
        Reads one web.config file, or says that there is none.

    .DESCRIPTION
        A boundary function (tests replace it): the only file access of the web.config
        collection. Returns the file's text, or $null when the file does not exist. Any other
        failure (access denied, a share that does not answer, a path too long) is thrown for the
        caller to record as the reason the file could not be read.

    .PARAMETER Path
        The full path of the web.config file, environment variables already expanded.

    .EXAMPLE
        $text = Read-IisLogonRightsWebConfigFile -Path 'D:\sites\blog\web.config'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    if (-not [System.IO.File]::Exists($Path))
    {
        # Exists also answers false when the folder cannot be listed; tell that apart from "absent".
        $folder = [System.IO.Path]::GetDirectoryName($Path)
        if ($null -ne $folder -and $folder -ne '' -and -not [System.IO.Directory]::Exists($folder))
        {
            throw ('The folder {0} does not exist or cannot be reached.' -f $folder)
        }

        return $null
    }

    return [System.IO.File]::ReadAllText($Path)
}
