function Get-IisLogonRightsUtf16Sha1
{
    <#
    .SYNOPSIS
        The SHA-1 of a text's UTF-16LE code units, for the in-process engine, or $null.

    .DESCRIPTION
        Each application pool's SID is derived from the SHA-1 of its name in UTF-16LE, which
        takes about 4 ms a digest in Jint. .NET's encoder would replace an unpaired surrogate,
        so such a text is left to the engine's own SHA-1 ($null), as is any failure.

    .PARAMETER Text
        The text.

    .EXAMPLE
        Get-IisLogonRightsUtf16Sha1 -Text 'DefaultAppPool'
    #>
    [CmdletBinding()]
    [OutputType([System.Byte[]])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Text
    )

    if ($Text -match '[\uD800-\uDFFF]')
    {
        return $null
    }

    try
    {
        $sha1 = [System.Security.Cryptography.SHA1]::Create()
        try
        {
            # The comma keeps the array whole: PowerShell would otherwise send it on byte by byte.
            return , $sha1.ComputeHash([System.Text.Encoding]::Unicode.GetBytes($Text))
        }
        finally
        {
            $sha1.Dispose()
        }
    }
    catch
    {
        return $null
    }
}
