function ConvertTo-IisLogonRightsXmlEventText
{
    <#
    .SYNOPSIS
        An XML document's events for the in-process engine, read by .NET's XmlReader, or $null.

    .DESCRIPTION
        The engine's HostXmlTokenizer (src/parse/xml-events.ts) takes these events in place of
        saxes, which Jint would run one character per call. The answer is the deepest element
        depth, then NUL-separated events: S, the name (with Namespaces, its namespace URI), the
        attribute count and each name and value, then the line where the start tag ends (where
        the next node begins), E after an empty element; E for an end tag; with KeepText, T and
        the text below the root.

        $null for anything XmlReader rejects or this function does not vouch for: a non-ASCII
        name, whose rules could differ; an unpaired surrogate, which XmlReader lets through in an
        attribute value and saxes refuses; a namespace URI with edge white space, which saxes
        trims; a root element with nothing after its start tag, whose line is not known; a reader
        that stopped before the end of the input. The engine then reads the document with saxes,
        so errors read as under Node.

        A function's unassigned values are its output, so every StringBuilder.Append and
        MoveToAttribute result is assigned to $null.

    .PARAMETER Text
        The document.

    .PARAMETER Namespaces
        Whether each start tag carries its namespace URI.

    .PARAMETER KeepText
        Whether text nodes below the root are events too.

    .EXAMPLE
        ConvertTo-IisLogonRightsXmlEventText -Text '<configuration />' -Namespaces $false -KeepText $false
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Text,

        [Parameter(Mandatory = $true)]
        [System.Boolean]
        $Namespaces,

        [Parameter(Mandatory = $true)]
        [System.Boolean]
        $KeepText
    )

    $settings = [System.Xml.XmlReaderSettings]::new()
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    $settings.CheckCharacters = $true
    $settings.IgnoreWhitespace = $false
    $settings.IgnoreComments = $false
    $settings.IgnoreProcessingInstructions = $false
    $checkNames = [System.Text.RegularExpressions.Regex]::IsMatch($Text, '[^\x00-\x7F]')
    # XmlReader lets an unpaired surrogate through in an attribute value; saxes refuses it.
    # (The engine's strict decoders never produce one; this keeps the function safe alone.)
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
                    $null = $reader.MoveToAttribute($index)
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
