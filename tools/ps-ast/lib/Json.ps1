# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# JSON writing. Every non-ASCII character is escaped, so the document survives any console code
# page.

function Add-JsonString {
    param([System.Text.StringBuilder] $Builder, [string] $Text)
    [void] $Builder.Append('"')
    foreach ($c in $Text.ToCharArray()) {
        $code = [int] $c
        if ($c -eq '"') { [void] $Builder.Append('\"') }
        elseif ($c -eq '\') { [void] $Builder.Append('\\') }
        elseif ($code -lt 0x20 -or $code -gt 0x7E) { [void] $Builder.Append('\u').Append($code.ToString('x4')) }
        else { [void] $Builder.Append($c) }
    }
    [void] $Builder.Append('"')
}

function New-UserValue {
    # A value produced by a user's script: serialized with the depth limit counted from $Depth.
    # The tool's own documents are not depth-limited.
    param($Value, [int] $Depth)
    [pscustomobject] @{ PSTypeName = 'PsAst.UserValue'; Value = $Value; Depth = $Depth }
}

function Add-JsonValue {
    param([System.Text.StringBuilder] $Builder, $Value, [int] $Depth, [int] $Limit)
    if ($Value -is [System.Management.Automation.PSObject] -and $Value.PSObject.TypeNames[0] -eq 'PsAst.UserValue') {
        Add-JsonValue $Builder $Value.Value $Value.Depth $script:MaxDepth
        return
    }
    if ($Value -is [System.Management.Automation.PSObject] -and
        $Value.PSObject.BaseObject -isnot [System.Management.Automation.PSCustomObject]) {
        $Value = $Value.PSObject.BaseObject
    }
    if ($null -eq $Value) { [void] $Builder.Append('null'); return }
    if ($Value -is [string]) { Add-JsonString $Builder $Value; return }
    if ($Value -is [char]) { Add-JsonString $Builder ([string] $Value); return }
    if ($Value -is [bool]) { [void] $Builder.Append($(if ($Value) { 'true' } else { 'false' })); return }
    if ($Value -is [enum]) { Add-JsonString $Builder $Value.ToString(); return }
    if ($Value -is [byte] -or $Value -is [sbyte] -or $Value -is [int16] -or $Value -is [uint16] -or
        $Value -is [int] -or $Value -is [uint32] -or $Value -is [long] -or $Value -is [uint64] -or
        $Value -is [decimal]) {
        [void] $Builder.Append($Value.ToString($script:Invariant)); return
    }
    if ($Value -is [double] -or $Value -is [single]) {
        $d = [double] $Value
        if ([double]::IsNaN($d) -or [double]::IsInfinity($d)) { Add-JsonString $Builder $d.ToString($script:Invariant) }
        else { [void] $Builder.Append($d.ToString('R', $script:Invariant)) }
        return
    }
    if ($Value -is [datetime] -or $Value -is [System.DateTimeOffset]) {
        Add-JsonString $Builder $Value.ToString('o', $script:Invariant); return
    }
    if ($Value -is [guid] -or $Value -is [version] -or $Value -is [uri] -or $Value -is [timespan] -or
        $Value -is [scriptblock] -or $Value.GetType().FullName -eq 'System.Management.Automation.SemanticVersion') {
        Add-JsonString $Builder ([string] $Value); return
    }
    if ($Value -is [type]) { Add-JsonString $Builder $Value.FullName; return }
    if ($Depth -ge $Limit) { Add-JsonString $Builder ([string] $Value); return }
    if ($Value -is [System.Management.Automation.ErrorRecord]) {
        Add-JsonValue $Builder (ConvertFrom-ErrorRecord $Value) 0 ([int]::MaxValue); return
    }
    if ($Value -is [System.Collections.IDictionary]) {
        [void] $Builder.Append('{')
        $first = $true
        foreach ($entry in $Value.GetEnumerator()) {
            if (-not $first) { [void] $Builder.Append(',') }
            $first = $false
            Add-JsonString $Builder ([string] $entry.Key)
            [void] $Builder.Append(':')
            Add-JsonValue $Builder $entry.Value ($Depth + 1) $Limit
        }
        [void] $Builder.Append('}')
        return
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        [void] $Builder.Append('[')
        $first = $true
        foreach ($item in $Value) {
            if (-not $first) { [void] $Builder.Append(',') }
            $first = $false
            Add-JsonValue $Builder $item ($Depth + 1) $Limit
        }
        [void] $Builder.Append(']')
        return
    }
    if ($Value -is [System.Exception]) {
        Add-JsonValue $Builder ([ordered] @{ type = $Value.GetType().FullName; message = $Value.Message }) $Depth $Limit
        return
    }
    [void] $Builder.Append('{')
    $first = $true
    foreach ($property in $Value.PSObject.Properties) {
        $propertyValue = $null
        try { $propertyValue = $property.Value } catch { $propertyValue = '<unreadable: ' + $_.Exception.Message + '>' }
        if (-not $first) { [void] $Builder.Append(',') }
        $first = $false
        Add-JsonString $Builder $property.Name
        [void] $Builder.Append(':')
        Add-JsonValue $Builder $propertyValue ($Depth + 1) $Limit
    }
    [void] $Builder.Append('}')
}

function ConvertTo-PsAstJson {
    param($Value)
    $builder = [System.Text.StringBuilder]::new(4096)
    Add-JsonValue $builder $Value 0 ([int]::MaxValue)
    $builder.ToString()
}
