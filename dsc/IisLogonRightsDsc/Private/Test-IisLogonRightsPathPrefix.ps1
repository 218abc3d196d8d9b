function Test-IisLogonRightsPathPrefix
{
    <#
    .SYNOPSIS
        Tells whether one of the prefixes is at or above a URL path, segment by segment.

    .DESCRIPTION
        IIS compares configuration paths case-insensitively and by whole segments: Blog/app is
        above Blog/app/sub, not above Blog/apple.

    .PARAMETER Prefixes
        Segment arrays, for example @(), @('app').

    .PARAMETER Segments
        The path's segments.

    .EXAMPLE
        Test-IisLogonRightsPathPrefix -Prefixes @(, @('app')) -Segments @('app', 'sub')   # True
    #>
    [CmdletBinding()]
    [OutputType([System.Boolean])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Object[]]
        $Prefixes,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.String[]]
        $Segments
    )

    foreach ($prefix in $Prefixes)
    {
        $prefixSegments = @($prefix)
        if ($prefixSegments.Count -gt $Segments.Count)
        {
            continue
        }

        $isPrefix = $true
        for ($index = 0; $index -lt $prefixSegments.Count; $index++)
        {
            if (-not [System.String]::Equals([System.String] $prefixSegments[$index], $Segments[$index], [System.StringComparison]::OrdinalIgnoreCase))
            {
                $isPrefix = $false
                break
            }
        }

        if ($isPrefix)
        {
            return $true
        }
    }

    return $false
}
