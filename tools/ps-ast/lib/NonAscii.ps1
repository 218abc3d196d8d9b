# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# The byte-order mark and every non-ASCII character, by line and column.

function Get-SortedByOffset {
    # Sort-Object lives in Microsoft.PowerShell.Utility, which the hosted engine lacks; and
    # [Array]::Sort(keys, items) binds to a generic overload that sorts a copy of the items.
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($_) }
    end {
        $keys = [string[]] @(for ($k = 0; $k -lt $items.Count; $k++) {
                '{0:D10} {1} {2:D10}' -f $items[$k][1].StartOffset, $items[$k][0], $k
            })
        [System.Array]::Sort($keys, [System.StringComparer]::Ordinal)
        foreach ($key in $keys) { , $items[[int] $key.Substring($key.LastIndexOf(' ') + 1)] }
    }
}

function Get-Bom {
    param([byte[]] $Bytes)
    if ($Bytes.Length -ge 3 -and $Bytes[0] -eq 0xEF -and $Bytes[1] -eq 0xBB -and $Bytes[2] -eq 0xBF) { return 'utf-8' }
    if ($Bytes.Length -ge 4 -and $Bytes[0] -eq 0xFF -and $Bytes[1] -eq 0xFE -and $Bytes[2] -eq 0 -and $Bytes[3] -eq 0) { return 'utf-32le' }
    if ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFF -and $Bytes[1] -eq 0xFE) { return 'utf-16le' }
    if ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFE -and $Bytes[1] -eq 0xFF) { return 'utf-16be' }
    $null
}

function Get-HexText {
    param([byte[]] $Bytes, [int] $Start, [int] $Count)
    $end = [System.Math]::Min($Start + $Count, $Bytes.Length)
    (@(for ($k = $Start; $k -lt $end; $k++) { $Bytes[$k].ToString('x2') }) -join ' ')
}

function Get-Utf8SequenceLength {
    # Length of the valid UTF-8 sequence at $Index (0 when invalid) and its code point.
    param([byte[]] $Bytes, [int] $Index)
    $b = [int] $Bytes[$Index]
    if ($b -ge 0xC2 -and $b -le 0xDF) { $length = 2; $cp = $b -band 0x1F; $min = 0x80 }
    elseif ($b -ge 0xE0 -and $b -le 0xEF) { $length = 3; $cp = $b -band 0x0F; $min = 0x800 }
    elseif ($b -ge 0xF0 -and $b -le 0xF4) { $length = 4; $cp = $b -band 0x07; $min = 0x10000 }
    else { return @(0, 0) }
    if ($Index + $length -gt $Bytes.Length) { return @(0, 0) }
    for ($k = 1; $k -lt $length; $k++) {
        $c = [int] $Bytes[$Index + $k]
        if (($c -band 0xC0) -ne 0x80) { return @(0, 0) }
        $cp = ($cp * 64) -bor ($c -band 0x3F)
    }
    if ($cp -lt $min -or $cp -gt 0x10FFFF -or ($cp -ge 0xD800 -and $cp -le 0xDFFF)) { return @(0, 0) }
    @($length, $cp)
}

function Get-NonAsciiFact {
    # Raw bytes, not the parser's decoded text: the decoding is what differs between editions.
    param([byte[]] $Bytes)
    $found = [System.Collections.Generic.List[object]]::new()
    $bom = Get-Bom $Bytes
    $line = 1
    $column = 1
    if ($bom -eq 'utf-16le' -or $bom -eq 'utf-16be' -or $bom -eq 'utf-32le') {
        if ($bom -eq 'utf-16le') { $encoding = [System.Text.UnicodeEncoding]::new($false, $true, $false) }
        elseif ($bom -eq 'utf-16be') { $encoding = [System.Text.UnicodeEncoding]::new($true, $true, $false) }
        else { $encoding = [System.Text.UTF32Encoding]::new($false, $true, $false) }
        $skip = $encoding.GetPreamble().Length
        $text = $encoding.GetString($Bytes, $skip, $Bytes.Length - $skip)
        for ($i = 0; $i -lt $text.Length; $i++) {
            $c = $text[$i]
            if ($c -eq "`n") { $line++; $column = 1; continue }
            if ([int] $c -ge 0x80) {
                $unit = [string] $c
                if ([char]::IsHighSurrogate($c) -and $i + 1 -lt $text.Length -and [char]::IsLowSurrogate($text[$i + 1])) {
                    $unit = $text.Substring($i, 2)
                    $i++
                }
                $cp = [char]::ConvertToUtf32($unit, 0)
                if ($unit.Length -eq 1 -and [char]::IsSurrogate($c)) { $cp = 0xFFFD; $unit = [string] [char] 0xFFFD }
                $encoded = $encoding.GetBytes($unit)
                $found.Add([ordered] @{ line = $line; column = $column; codePoint = $cp; bytes = (Get-HexText $encoded 0 $encoded.Length) })
            }
            $column++
        }
    }
    else {
        # Latin-1 maps each byte to one char, so a regex finds the runs of bytes >= 0x80 without
        # a script loop over every byte; the ASCII text between runs only moves line and column.
        $start = 0
        if ($bom -eq 'utf-8') { $start = 3 }
        $latin1 = [System.Text.Encoding]::GetEncoding(28591).GetString($Bytes, $start, $Bytes.Length - $start)
        $previous = 0
        foreach ($run in [regex]::Matches($latin1, '[\x80-\xFF]+')) {
            $between = $latin1.Substring($previous, $run.Index - $previous)
            $lastNewline = $between.LastIndexOf("`n")
            if ($lastNewline -ge 0) {
                $line += $between.Length - $between.Replace("`n", '').Length
                $column = $between.Length - $lastNewline
            }
            else { $column += $between.Length }
            $i = $start + $run.Index
            $end = $i + $run.Length
            while ($i -lt $end) {
                $sequence = Get-Utf8SequenceLength $Bytes $i
                $length = [System.Math]::Max($sequence[0], 1)
                $cp = $null
                if ($sequence[0] -gt 0) { $cp = $sequence[1] }
                $found.Add([ordered] @{ line = $line; column = $column; codePoint = $cp; bytes = (Get-HexText $Bytes $i $length) })
                $column++
                $i += $length
            }
            # A sequence may run past the end of the run only when it is invalid, and then its
            # length is 1, so $i never overshoots $end.
            $previous = $run.Index + $run.Length
        }
    }
    $reported = @(for ($k = 0; $k -lt [System.Math]::Min($found.Count, $script:MaxNonAsciiReported); $k++) { $found[$k] })
    @{ nonAscii = $reported; nonAsciiCount = $found.Count; bom = $bom }
}
