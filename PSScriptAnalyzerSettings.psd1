# PSScriptAnalyzer settings for dsc/ (the module, its tests, the DSC v3 entry and the examples).
# Run on Windows, where PSScriptAnalyzer installs from the PowerShell Gallery:
#   Invoke-ScriptAnalyzer -Path dsc -Recurse -Settings ./PSScriptAnalyzerSettings.psd1
# The default rules apply, the DSC rules among them (PSDSC*: standard functions, identical
# parameters, verbose messages and return types in the class resource). On top of them: syntax that
# runs in Windows PowerShell 5.1 (the LCM's host) and PowerShell 7, and the house layout the module
# is written in: Allman braces, four-space indentation, no aliases, cmdlets spelled as declared.
@{
    IncludeDefaultRules = $true
    Severity            = @('Error', 'Warning', 'Information')
    Rules               = @{
        PSUseCompatibleSyntax      = @{
            Enable         = $true
            TargetVersions = @('5.1', '7.0')
        }
        PSPlaceOpenBrace           = @{
            Enable             = $true
            OnSameLine         = $false
            NewLineAfter       = $true
            IgnoreOneLineBlock = $true
        }
        PSPlaceCloseBrace          = @{
            Enable             = $true
            NewLineAfter       = $true
            IgnoreOneLineBlock = $true
            NoEmptyLineBefore  = $false
        }
        PSUseConsistentIndentation = @{
            Enable              = $true
            Kind                = 'space'
            IndentationSize     = 4
            PipelineIndentation = 'IncreaseIndentationForFirstPipeline'
        }
        PSAvoidUsingCmdletAliases  = @{
            Enable = $true
        }
        PSUseCorrectCasing         = @{
            Enable = $true
        }
        PSAvoidUsingDoubleQuotesForConstantString = @{
            Enable = $true
        }
    }
}
