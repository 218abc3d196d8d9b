function Get-IisLogonRightsXmlElementLine
{
    <#
    .SYNOPSIS
        Lists the line of every element of an XML text, in document order.

    .DESCRIPTION
        An XmlDocument keeps no line numbers, but it holds its elements in the same document
        order an XmlReader meets them; the n-th number returned here is the line of the n-th
        element of $document.SelectNodes('//*'). Reads through the same
        New-IisLogonRightsXmlReader as ConvertTo-IisLogonRightsXmlDocument, so it accepts exactly
        the texts that function does. Lines count from 1, as IIS and the engine count them.

    .PARAMETER Text
        The XML text.

    .EXAMPLE
        $lines = Get-IisLogonRightsXmlElementLine -Text $webConfigText
    #>
    [CmdletBinding()]
    [OutputType([System.Int32[]])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Text
    )

    $reader = New-IisLogonRightsXmlReader -Text $Text
    $lines = [System.Collections.Generic.List[System.Int32]]::new()
    try
    {
        while ($reader.Read())
        {
            if ($reader.NodeType -eq [System.Xml.XmlNodeType]::Element)
            {
                $lines.Add(([System.Xml.IXmlLineInfo] $reader).LineNumber)
            }
        }
    }
    finally
    {
        $reader.Dispose()
    }

    return , $lines.ToArray()
}
