<#
    IisLogonRightsDsc: collects the facts on a Windows web server, lets the iis-logon-rights
    engine (node, bin\iis-logon-rights.cjs) decide, and applies the engine's identity-scoped plan
    through the LSA API.

    The classes live in this file, not in a dot-sourced Classes\ folder: the DSC engines
    (Get-DscResource, the LCM, Invoke-DscResource) find class-based resources by parsing the
    module's root .psm1, so a class defined in another file would not be found. The classes
    only delegate to the public functions, which are dot-sourced below.

    Windows PowerShell 5.1 syntax only, ASCII only (test/ps checks both with the real parser).
#>

Set-StrictMode -Version 2.0

# A failing step stops the command instead of letting the next statement run on a $null
# (PowerShell's default lets a function continue after a statement-terminating error). Callers
# can still pass -ErrorAction to a public command.
$ErrorActionPreference = 'Stop'

# Module state. Initialised here because strict mode refuses to read unset variables.
$script:IisLogonRightsNodeJsPath = $null
$script:IisLogonRightsEngineContract = $null
$script:IisLogonRightsVerifiedEngines = $null
$script:IisLogonRightsLsaType = $null
$script:IisLogonRightsEngineHost = $null
$script:IisLogonRightsJsEngine = $null
$script:IisLogonRightsPreparedBundle = $null
$script:IisLogonRightsAssemblyResolver = $null

<#
    .SYNOPSIS
        One Azure Machine Configuration reason: why the resource is not in the desired state.

    .DESCRIPTION
        Machine Configuration requires exactly two string properties, Code and Phrase. Code is
        IisAnonymousLogonRight:IisAnonymousLogonRight:<Status>; the engine writes both.
#>
class IisLogonRightsReason
{
    [DscProperty()]
    [System.String]
    $Code

    [DscProperty()]
    [System.String]
    $Phrase
}

<#
    .SYNOPSIS
        One finding: a site, path and anonymous identity, the right it needs and its status.
#>
class IisLogonRightsFinding
{
    [DscProperty()]
    [System.String]
    $Site

    [DscProperty()]
    [System.String]
    $Path

    [DscProperty()]
    [System.String]
    $Account

    [DscProperty()]
    [System.String]
    $Sid

    [DscProperty()]
    [System.String]
    $Right

    [DscProperty()]
    [System.String]
    $Status
}

<#
    .SYNOPSIS
        The DSC resource: every identity IIS uses for anonymous requests in the scope holds the
        logon right its logon type needs, is not denied, and keeps it after the next Group
        Policy refresh.

    .DESCRIPTION
        Get(), Test() and Set() only delegate to Get-, Test- and Set-IisAnonymousLogonRight.
        Properties mirror schemas/dsc-instance.schema.json (test/ps/module.test.ts checks it).

        ## Requirements
        Node.js 20 or later on the node, visible to SYSTEM (see about_IisLogonRightsDsc).

        ## Known issues
        Set never changes a right that a GPO owns unless AllowTemporaryFix is true, and then
        the change lasts only until the next Group Policy refresh; the fix is the GPO. With
        AllowTemporaryFix true, Get and Test count such a granted-until-refresh finding
        (revoked-at-refresh) as in the desired state, keep its Reason and warn naming the GPO,
        so a configuration converges instead of granting again at every consistency check.
#>
[DscResource()]
class IisAnonymousLogonRight
{
    [DscProperty(Key)]
    [System.String]
    $Scope

    [DscProperty()]
    [ValidateSet('documented', 'conservative')]
    [System.String]
    $RuleSet = 'documented'

    [DscProperty()]
    [System.Boolean]
    $AllowTemporaryFix = $false

    [DscProperty(NotConfigurable)]
    [System.Boolean]
    $InDesiredState

    [DscProperty(NotConfigurable)]
    [IisLogonRightsReason[]]
    $Reasons

    [DscProperty(NotConfigurable)]
    [IisLogonRightsFinding[]]
    $Findings

    [IisAnonymousLogonRight] Get()
    {
        $state = Get-IisAnonymousLogonRight -Scope $this.Scope -RuleSet $this.RuleSet -AllowTemporaryFix:$this.AllowTemporaryFix
        $current = [IisAnonymousLogonRight]::new()
        $current.Scope = $this.Scope
        $current.RuleSet = $this.RuleSet
        $current.AllowTemporaryFix = $this.AllowTemporaryFix
        $current.InDesiredState = $state.InDesiredState
        $current.Reasons = [IisLogonRightsReason[]] @(
            foreach ($reason in $state.Reasons)
            {
                $item = [IisLogonRightsReason]::new()
                $item.Code = $reason.Code
                $item.Phrase = $reason.Phrase
                $item
            }
        )
        $current.Findings = [IisLogonRightsFinding[]] @(
            foreach ($finding in $state.Findings)
            {
                $item = [IisLogonRightsFinding]::new()
                $item.Site = $finding.Site
                $item.Path = $finding.Path
                $item.Account = $finding.Account
                $item.Sid = $finding.Sid
                $item.Right = $finding.Right
                $item.Status = $finding.Status
                $item
            }
        )
        return $current
    }

    [System.Boolean] Test()
    {
        return [System.Boolean] (Test-IisAnonymousLogonRight -Scope $this.Scope -RuleSet $this.RuleSet -AllowTemporaryFix:$this.AllowTemporaryFix)
    }

    [void] Set()
    {
        Set-IisAnonymousLogonRight -Scope $this.Scope -RuleSet $this.RuleSet -AllowTemporaryFix:$this.AllowTemporaryFix -Confirm:$false
    }
}

<#
    .SYNOPSIS
        The files of this host, as the in-process engine asks for them.

    .DESCRIPTION
        The engine bundle runs in Jint inside this process and reads snapshot folders, --with-gpo
        baselines and plan files through an object with these six methods (EngineHost in
        src/engine.ts). Each returns '=' and the answer, or '!', an error code, a space and the
        message, so no JSON is written here: stat gives '' for nothing there, else the kind and
        the size (and for other, what it is); list gives names separated by NUL; readFile gives
        a regular file within its limit (Read-IisLogonRightsFileLimited) as one character per
        byte, or what else is there.
        A PowerShell class, not script blocks, because Jint calls .NET methods by their real
        parameters, and a script block delegate has a hidden one.

        readFileBytes, decode and encodeUtf8 let .NET do what Jint would otherwise interpret byte by
        byte (seconds for a large applicationHost.config), and sha1Utf16le the SHA-1 behind
        each application pool's SID (about 4 ms a digest in Jint): readFileBytes answers the file as a
        JavaScript ArrayBuffer over the bytes .NET read; decode is strict and answers $null for
        bytes it does not accept, and the engine's own decoder then finds the invalid byte, so
        errors read the same as under Node; encodeUtf8 writes an unpaired surrogate as U+FFFD,
        as the engine's own encoder does. xmlEvents tokenizes an XML document with .NET's
        XmlReader in place of saxes, or answers $null and leaves it to saxes (see the method).
        Engine is the Jint engine the ArrayBuffers belong to (typed [object]: this class is
        parsed before Jint is loaded).
#>
class IisLogonRightsEngineFiles
{
    hidden [System.Object] $Engine

    IisLogonRightsEngineFiles([System.Object] $Engine)
    {
        $this.Engine = $Engine
    }

    static [System.String] Failure([System.Exception] $Exception)
    {
        $inner = $Exception
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

    [System.String] stat([System.String] $Path)
    {
        try
        {
            if ([System.IO.Directory]::Exists($Path))
            {
                return '=directory 0'
            }

            if ([System.IO.File]::Exists($Path))
            {
                $kind = Get-IisLogonRightsFileKind -Path $Path
                $size = ([System.IO.FileInfo]::new($Path)).Length
                if ($null -ne $kind)
                {
                    return '=other {0} {1}' -f $size, $kind
                }

                return '=file {0}' -f $size
            }

            return '='
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }

    [System.String] list([System.String] $Folder)
    {
        try
        {
            $names = @(foreach ($entry in [System.IO.Directory]::GetFileSystemEntries($Folder)) { [System.IO.Path]::GetFileName($entry) })
            return '=' + ($names -join [System.String][System.Char]0)
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }

    [System.String] readFile([System.String] $Path, [System.Double] $Limit)
    {
        try
        {
            $read = Read-IisLogonRightsFileLimited -Path $Path -Limit ([System.Int64] $Limit)
            if ($read -is [System.String])
            {
                return '=' + $read
            }

            # ISO-8859-1 maps each byte to the character with the same code: the engine turns the
            # characters back into bytes and decodes them itself, exactly as from a Node Buffer.
            return '=file {0} {1}' -f $read.Length, [System.Text.Encoding]::GetEncoding(28591).GetString($read)
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }

    [System.Object] readFileBytes([System.String] $Path, [System.Double] $Limit)
    {
        try
        {
            $read = Read-IisLogonRightsFileLimited -Path $Path -Limit ([System.Int64] $Limit)
            if ($read -is [System.String])
            {
                return '=' + $read
            }

            return $this.Engine.Intrinsics.ArrayBuffer.Construct($read)
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }

    [System.Object] decode([System.Byte[]] $Bytes, [System.String] $Encoding, [System.Int32] $Start)
    {
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

    [System.Object] encodeUtf8([System.String] $Text)
    {
        return $this.Engine.Intrinsics.ArrayBuffer.Construct([System.Text.UTF8Encoding]::new($false, $false).GetBytes($Text))
    }

    [System.Object] sha1Utf16le([System.String] $Text)
    {
        # UTF-16LE code units as they are: .NET's encoder would replace an unpaired surrogate,
        # so such a text is left to the engine's own SHA-1 ($null).
        if ($Text -match '[\uD800-\uDFFF]')
        {
            return $null
        }

        try
        {
            $sha1 = [System.Security.Cryptography.SHA1]::Create()
            try
            {
                return $this.Engine.Intrinsics.ArrayBuffer.Construct($sha1.ComputeHash([System.Text.Encoding]::Unicode.GetBytes($Text)))
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

    [System.Object] xmlEvents([System.String] $Text, [System.Boolean] $Namespaces, [System.Boolean] $KeepText)
    {
        # The document's events for the engine (HostXmlTokenizer in src/parse/xml-events.ts),
        # read by .NET's XmlReader: Jint would run saxes one character per call. $null for
        # anything XmlReader rejects or this method does not vouch for (a non-ASCII name, whose
        # rules could differ; a root element with nothing after its start tag, whose line is
        # not known): the engine then reads the document with saxes, so errors read as under
        # Node. A start tag's line is the line where it ends, which is where the next node begins.
        $settings = [System.Xml.XmlReaderSettings]::new()
        $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
        $settings.XmlResolver = $null
        $settings.CheckCharacters = $true
        $settings.IgnoreWhitespace = $false
        $settings.IgnoreComments = $false
        $settings.IgnoreProcessingInstructions = $false
        $checkNames = [System.Text.RegularExpressions.Regex]::IsMatch($Text, '[^\x00-\x7F]')
        # XmlReader lets an unpaired surrogate through in an attribute value; saxes refuses it.
        # (The engine's strict decoders never produce one; this keeps the method safe alone.)
        if ($checkNames -and [System.Text.RegularExpressions.Regex]::IsMatch($Text, '[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]'))
        {
            return $null
        }

        $separator = [System.Char] 0
        $events = [System.Text.StringBuilder]::new($Text.Length)
        $elementType = [System.Xml.XmlNodeType]::Element
        $endType = [System.Xml.XmlNodeType]::EndElement
        $textTypes = @([System.Xml.XmlNodeType]::Text, [System.Xml.XmlNodeType]::CDATA, [System.Xml.XmlNodeType]::Whitespace, [System.Xml.XmlNodeType]::SignificantWhitespace)
        $maxDepth = 0
        $pending = $false
        $pendingEmpty = $false
        $reader = $null
        $readState = [System.Xml.ReadState]::Error
        try
        {
            $reader = [System.Xml.XmlReader]::Create([System.IO.StringReader]::new($Text), $settings)
            $position = [System.Xml.IXmlLineInfo] $reader
            while ($reader.Read())
            {
                if ($pending)
                {
                    $null = $events.Append($position.LineNumber).Append($separator)
                    if ($pendingEmpty)
                    {
                        $null = $events.Append('E').Append($separator)
                    }

                    $pending = $false
                }

                $type = $reader.NodeType
                if ($type -eq $elementType)
                {
                    $name = $reader.Name
                    if ($checkNames -and $name -match '[^\x00-\x7F]')
                    {
                        return $null
                    }

                    if ($reader.Depth -ge $maxDepth)
                    {
                        $maxDepth = $reader.Depth + 1
                    }

                    $null = $events.Append('S').Append($separator).Append($name).Append($separator)
                    if ($Namespaces)
                    {
                        # saxes trims a namespace URI; XmlReader keeps it as written.
                        $uri = $reader.NamespaceURI
                        if ($uri -match '^[\s\uFEFF]|[\s\uFEFF]$')
                        {
                            return $null
                        }

                        $null = $events.Append($uri).Append($separator)
                    }

                    $count = $reader.AttributeCount
                    $null = $events.Append($count).Append($separator)
                    for ($index = 0; $index -lt $count; $index++)
                    {
                        $reader.MoveToAttribute($index)
                        $name = $reader.Name
                        if ($checkNames -and $name -match '[^\x00-\x7F]')
                        {
                            return $null
                        }

                        $null = $events.Append($name).Append($separator).Append($reader.Value).Append($separator)
                    }

                    $null = $reader.MoveToElement()
                    $pending = $true
                    $pendingEmpty = $reader.IsEmptyElement
                }
                elseif ($type -eq $endType)
                {
                    $null = $events.Append('E').Append($separator)
                }
                elseif ($KeepText -and $reader.Depth -gt 0 -and $textTypes -contains $type)
                {
                    $null = $events.Append('T').Append($separator).Append($reader.Value).Append($separator)
                }
            }
        }
        catch
        {
            return $null
        }
        finally
        {
            if ($null -ne $reader)
            {
                $readState = $reader.ReadState
                $reader.Dispose()
            }
        }

        # XmlReader can stop early without throwing: reading a text node's Value past an
        # undeclared entity answers '' and leaves the reader in its Error state, after which
        # Read answers $false. Only a reader that reached the end of the input has read it all.
        if ($pending -or $readState -ne [System.Xml.ReadState]::EndOfFile)
        {
            return $null
        }

        return [System.String] $maxDepth + $separator + $events.ToString()
    }

    [System.String] resolve([System.String] $Path)
    {
        try
        {
            return '=' + [System.IO.Path]::GetFullPath($Path)
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }

    [System.String] join([System.String] $Folder, [System.String] $Name)
    {
        try
        {
            return '=' + [System.IO.Path]::Combine($Folder, $Name)
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }

    [System.String] basename([System.String] $Path)
    {
        try
        {
            return '=' + [System.IO.Path]::GetFileName($Path.TrimEnd([System.IO.Path]::DirectorySeparatorChar, [System.IO.Path]::AltDirectorySeparatorChar))
        }
        catch
        {
            return [IisLogonRightsEngineFiles]::Failure($_.Exception)
        }
    }
}

foreach ($folder in @('Private', 'Public'))
{
    $files = [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($PSScriptRoot, $folder), '*.ps1')
    [System.Array]::Sort($files, [System.StringComparer]::Ordinal)
    foreach ($file in $files)
    {
        . $file
    }
}

# Set-IisLogonRightsNodePath is the old name of Set-IisLogonRightsNodeJsPath (its [Alias()]).
Export-ModuleMember -Alias 'Set-IisLogonRightsNodePath' -Function @(
    'Export-IisLogonRightsSnapshot',
    'Get-IisAnonymousLogonRight',
    'Set-IisAnonymousLogonRight',
    'Set-IisLogonRightsEngineHost',
    'Set-IisLogonRightsNodeJsPath',
    'Test-IisAnonymousLogonRight',
    'Undo-IisAnonymousLogonRight'
)
