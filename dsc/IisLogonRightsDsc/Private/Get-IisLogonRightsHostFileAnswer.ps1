function Get-IisLogonRightsHostFileAnswer
{
    <#
    .SYNOPSIS
        Answers one file request of the in-process engine (EngineHost in src/engine.ts).

    .DESCRIPTION
        The class IisLogonRightsEngineFiles (in the root module, where Jint calls it) hands each
        request here. The answer is '=' and the result, or '!', an error code (ENOENT, EACCES or
        EIO), a space and the message, so no JSON is written: stat gives '' for nothing there,
        else the kind and the size (and for other, what it is); list gives the names separated
        by NUL; readFile gives a regular file within its limit (Read-IisLogonRightsFileLimited)
        as one character per byte, or what else is there; readFileBytes gives the same, except
        that a regular file within the limit comes back as its bytes (a byte array, which the
        class turns into a JavaScript ArrayBuffer); resolve, join and basename give the path.

    .PARAMETER Operation
        stat, list, readFile, readFileBytes, resolve, join or basename.

    .PARAMETER Path
        The path (for list, the folder).

    .PARAMETER Name
        For join: the name to join to the folder in Path.

    .PARAMETER Limit
        For readFile and readFileBytes: the most bytes the engine accepts for this file.

    .EXAMPLE
        Get-IisLogonRightsHostFileAnswer -Operation 'readFile' -Path 'C:\snapshots\web01\secedit.inf' -Limit 16MB
    #>
    [CmdletBinding()]
    [OutputType([System.String], [System.Byte[]])]
    param
    (
        [Parameter(Mandatory = $true)]
        [ValidateSet('stat', 'list', 'readFile', 'readFileBytes', 'resolve', 'join', 'basename')]
        [System.String]
        $Operation,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Path,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $Name = '',

        [Parameter()]
        [System.Int64]
        $Limit = 0
    )

    try
    {
        switch ($Operation)
        {
            'stat'
            {
                if ([System.IO.Directory]::Exists($Path))
                {
                    return '=directory 0'
                }

                if (-not [System.IO.File]::Exists($Path))
                {
                    return '='
                }

                $kind = Get-IisLogonRightsFileKind -Path $Path
                $size = ([System.IO.FileInfo]::new($Path)).Length
                if ($null -ne $kind)
                {
                    return '=other {0} {1}' -f $size, $kind
                }

                return '=file {0}' -f $size
            }

            'list'
            {
                $names = @(foreach ($entry in [System.IO.Directory]::GetFileSystemEntries($Path)) { [System.IO.Path]::GetFileName($entry) })
                return '=' + ($names -join [System.String][System.Char]0)
            }

            'resolve'
            {
                return '=' + [System.IO.Path]::GetFullPath($Path)
            }

            'join'
            {
                return '=' + [System.IO.Path]::Combine($Path, $Name)
            }

            'basename'
            {
                return '=' + [System.IO.Path]::GetFileName($Path.TrimEnd([System.IO.Path]::DirectorySeparatorChar, [System.IO.Path]::AltDirectorySeparatorChar))
            }

            default
            {
                $read = Read-IisLogonRightsFileLimited -Path $Path -Limit $Limit
                if ($read -is [System.String])
                {
                    return '=' + $read
                }

                if ($Operation -eq 'readFileBytes')
                {
                    # The comma keeps the array whole: PowerShell would send its bytes one by one.
                    return , $read
                }

                # ISO-8859-1 maps each byte to the character with the same code: the engine turns the
                # characters back into bytes and decodes them itself, exactly as from a Node Buffer.
                return '=file {0} {1}' -f $read.Length, [System.Text.Encoding]::GetEncoding(28591).GetString($read)
            }
        }
    }
    catch
    {
        $inner = $_.Exception
        while ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException)
        {
            $inner = $inner.InnerException
        }

        $code = 'EIO'
        if ($inner -is [System.IO.FileNotFoundException] -or $inner -is [System.IO.DirectoryNotFoundException])
        {
            $code = 'ENOENT'
        }
        elseif ($inner -is [System.UnauthorizedAccessException] -or $inner -is [System.Security.SecurityException])
        {
            $code = 'EACCES'
        }

        return '!{0} {1}' -f $code, ($inner.Message -replace '[\r\n]+', ' ')
    }
}
