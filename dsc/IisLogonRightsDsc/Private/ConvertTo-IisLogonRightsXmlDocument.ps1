function ConvertTo-IisLogonRightsXmlDocument
{
    <#
    .SYNOPSIS
        Parses XML text with DTDs and external resources refused.

    .DESCRIPTION
        The collector only reads names out of configuration files; the engine does the real
        parsing. Still, a configuration file is not trusted input, so no DTD is processed and no
        external resource is fetched.

    .PARAMETER Text
        The XML text.

    .EXAMPLE
        $document = ConvertTo-IisLogonRightsXmlDocument -Text $applicationHostText
    #>
    [CmdletBinding()]
    [OutputType([System.Xml.XmlDocument])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Text
    )

    $reader = New-IisLogonRightsXmlReader -Text $Text
    try
    {
        $document = [System.Xml.XmlDocument]::new()
        $document.XmlResolver = $null
        $document.Load($reader)
        return , $document
    }
    finally
    {
        $reader.Dispose()
    }
}
