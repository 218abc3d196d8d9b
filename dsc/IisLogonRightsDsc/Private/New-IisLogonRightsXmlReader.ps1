function New-IisLogonRightsXmlReader
{
    <#
    .SYNOPSIS
        Opens an XmlReader over XML text with DTDs and external resources refused.

    .DESCRIPTION
        A configuration file is not trusted input, so no DTD is processed and no external
        resource is fetched. The caller disposes of the reader. The reader counts lines from 1
        (System.Xml.IXmlLineInfo), as IIS and the engine do.

    .PARAMETER Text
        The XML text.

    .EXAMPLE
        $reader = New-IisLogonRightsXmlReader -Text $webConfigText
    #>
    [CmdletBinding()]
    [OutputType([System.Xml.XmlReader])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Text
    )

    $settings = [System.Xml.XmlReaderSettings]::new()
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    return [System.Xml.XmlReader]::Create([System.IO.StringReader]::new($Text), $settings)
}
