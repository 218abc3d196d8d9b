function Get-IisLogonRightsFileKind
{
    <#
    .SYNOPSIS
        Says what is at a path that is neither a regular file nor missing, in the engine's words;
        returns nothing for a regular file or for nothing there.

    .DESCRIPTION
        The in-process engine reads files through IisLogonRightsEngineFiles, which must refuse
        what the Node CLI refuses, in the same words: a FIFO would block the read forever,
        /dev/zero never ends, and a link to either looks like an empty file to a size check.
        On Linux and macOS the answer comes from the UnixStat PowerShell's file system provider
        gives an item (of the link's final target for a symbolic link); Windows has no FIFOs or devices in its file
        systems, so there only a folder is named.

    .PARAMETER Path
        The path to look at.

    .EXAMPLE
        Get-IisLogonRightsFileKind -Path '/dev/zero'   # a character device
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    if ([System.IO.Directory]::Exists($Path))
    {
        return 'a folder'
    }

    if ([System.IO.Path]::DirectorySeparatorChar -ne '/')
    {
        return $null
    }

    # The file system provider itself, not Get-Item: the engine calls this from a class method,
    # where a runspace may not load the cmdlet's module on first use.
    # Nothing there, or a link to nothing: the caller's open names the error.
    try
    {
        $target = [System.IO.File]::ResolveLinkTarget($Path, $true)
        if ($null -ne $target)
        {
            $Path = $target.FullName
        }

        $item = @($ExecutionContext.InvokeProvider.Item.Get([System.String[]] @($Path), $true, $true))[0]
    }
    catch
    {
        return $null
    }

    if ($null -eq $item -or $null -eq $item.PSObject.Properties['UnixStat'] -or $null -eq $item.UnixStat)
    {
        return $null
    }

    $words = @{
        File            = $null
        Directory       = 'a folder'
        NamedPipe       = 'a named pipe (FIFO)'
        CharacterDevice = 'a character device'
        BlockDevice     = 'a block device'
        Socket          = 'a socket'
    }
    $kind = [System.String] $item.UnixStat.ItemType
    if ($words.ContainsKey($kind))
    {
        return $words[$kind]
    }

    return 'neither a file nor a folder'
}
