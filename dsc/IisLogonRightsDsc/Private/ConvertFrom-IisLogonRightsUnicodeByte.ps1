function ConvertFrom-IisLogonRightsUnicodeByte
{
    <#
    .SYNOPSIS
        Decodes UTF-8 or UTF-16 bytes strictly for the in-process engine, or answers $null.

    .DESCRIPTION
        The engine's decode (NativeCodec in src/core/text-codec.ts) lets .NET do what Jint would
        otherwise interpret byte by byte. It is strict: bytes it does not accept (invalid
        sequences, an odd count for UTF-16, an unknown encoding) answer $null, and the engine's
        own decoder then finds the invalid byte, so errors read the same as under Node.

    .PARAMETER Bytes
        The bytes.

    .PARAMETER Encoding
        utf-8, utf-16le or utf-16be.

    .PARAMETER Start
        Where the text starts (after a byte order mark).

    .EXAMPLE
        ConvertFrom-IisLogonRightsUnicodeByte -Bytes $bytes -Encoding 'utf-16le' -Start 2
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter()]
        [AllowNull()]
        [System.Byte[]]
        $Bytes,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Encoding,

        [Parameter(Mandatory = $true)]
        [System.Int32]
        $Start
    )

    if ($null -eq $Bytes -or $Start -lt 0 -or $Start -gt $Bytes.Length)
    {
        return $null
    }

    $count = $Bytes.Length - $Start
    if ($Encoding -eq 'utf-8')
    {
        $codec = [System.Text.UTF8Encoding]::new($false, $true)
    }
    elseif (($count % 2) -eq 0 -and ($Encoding -eq 'utf-16le' -or $Encoding -eq 'utf-16be'))
    {
        $codec = [System.Text.UnicodeEncoding]::new($Encoding -eq 'utf-16be', $false, $true)
    }
    else
    {
        return $null
    }

    try
    {
        $text = $codec.GetString($Bytes, $Start, $count)
        # Only the shortest form of each character encodes back to as many bytes, so a
        # decoder that let an overlong or surrogate form through is caught here too.
        if ($codec.GetByteCount($text) -ne $count)
        {
            return $null
        }

        return $text
    }
    catch
    {
        return $null
    }
}
