function Read-IisLogonRightsFileLimited
{
    <#
    .SYNOPSIS
        Reads a regular file for the in-process engine, at most one byte past a limit: its bytes,
        or the answer FileAccess.readFile gives for anything else (src/engine.ts, EngineHost).

    .DESCRIPTION
        Anything but a regular file is answered 'other' and what it is, and never opened (a FIFO
        would block the open). A file over the limit is answered 'large' and its size, and not
        read. Any other is read until its end or Limit + 1 bytes, whichever comes first, so a
        file that grows while it is read costs no more than that, and its bytes are returned as
        one byte array. Errors are thrown; the caller turns them into the engine's error answer.

    .PARAMETER Path
        The file to read.

    .PARAMETER Limit
        The most bytes the engine accepts for this kind of file.

    .EXAMPLE
        Read-IisLogonRightsFileLimited -Path 'C:\snapshots\web01\secedit.inf' -Limit 16MB
    #>
    [CmdletBinding()]
    [OutputType([System.String], [System.Byte[]])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path,

        [Parameter(Mandatory = $true)]
        [System.Int64]
        $Limit
    )

    $kind = Get-IisLogonRightsFileKind -Path $Path
    if ($null -ne $kind)
    {
        return 'other ' + $kind
    }

    $stream = [System.IO.FileStream]::new($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
    try
    {
        $size = $stream.Length
        if ($size -gt $Limit)
        {
            return 'large ' + $size
        }

        $buffer = [System.Byte[]]::new([System.Int32] ([System.Math]::Min($size, $Limit) + 1))
        $filled = 0
        while ($true)
        {
            if ($filled -eq $buffer.Length)
            {
                if ($filled -gt $Limit)
                {
                    break
                }

                $grown = [System.Byte[]]::new([System.Int32] ([System.Math]::Min([System.Int64] $buffer.Length * 2, $Limit + 1)))
                [System.Array]::Copy($buffer, $grown, $filled)
                $buffer = $grown
            }

            $read = $stream.Read($buffer, $filled, $buffer.Length - $filled)
            if ($read -eq 0)
            {
                break
            }

            $filled += $read
        }

        if ($filled -lt $buffer.Length)
        {
            [System.Array]::Resize([ref] $buffer, $filled)
        }

        # The comma keeps the array whole: PowerShell would otherwise send it on byte by byte.
        return , $buffer
    }
    finally
    {
        $stream.Dispose()
    }
}
