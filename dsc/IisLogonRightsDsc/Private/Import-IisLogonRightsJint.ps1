function Import-IisLogonRightsJint
{
    <#
    .SYNOPSIS
        Loads Jint and Acornima from the module's bin folder for this edition of PowerShell.

    .DESCRIPTION
        Windows PowerShell 5.1 (.NET Framework) loads bin\net462, PowerShell 7 loads bin\net8.0,
        or bin\net10.0 on .NET 10 and later (PowerShell 7.6) when the build put it there: the same
        assemblies compiled ahead of time (ReadyToRun) for the machine, which spares a session
        compiling thousands of Jint's methods on its first judgement. .NET 10 does not use
        ReadyToRun code compiled against .NET 8, hence a folder of its own.
        On .NET Framework, Acornima and Jint were built against System.Memory, System.Buffers
        and System.Runtime.CompilerServices.Unsafe versions that differ from one another and
        have no binding redirects in powershell.exe.config, so an AssemblyResolve handler answers
        any version of those names with the copy in bin\net462. Loading twice is harmless: an
        assembly already loaded is returned as it is. A different Jint already loaded in this
        process (by another module) is an error that says to use the node host.

    .EXAMPLE
        Import-IisLogonRightsJint
    #>
    [CmdletBinding()]
    param ()

    $framework = 'net8.0'
    $names = @('Acornima', 'Jint')
    $precompiled = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'bin', 'net10.0', 'Jint.dll')
    if ($PSVersionTable.PSEdition -eq 'Core' -and [System.Environment]::Version.Major -ge 10 -and [System.IO.File]::Exists($precompiled))
    {
        $framework = 'net10.0'
    }

    if ($PSVersionTable.PSEdition -ne 'Core')
    {
        $framework = 'net462'
        $names = @('System.Runtime.CompilerServices.Unsafe', 'System.Buffers', 'System.Numerics.Vectors', 'System.Memory', 'Acornima', 'Jint')
    }

    $folder = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'bin', $framework)
    foreach ($name in $names)
    {
        $path = [System.IO.Path]::Combine($folder, $name + '.dll')
        if (-not [System.IO.File]::Exists($path))
        {
            $missing = @{
                ErrorId           = 'IisLogonRightsEngineHostUnavailable'
                Category          = 'ObjectNotFound'
                TargetObject      = $path
                Message           = 'The in-process engine needs {0}, which is missing from the module.' -f $path
                RecommendedAction = 'Install the module from its package (npm run package builds it), or set IIS_LOGON_RIGHTS_ENGINE=node to run the engine with Node.js.'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
        }
    }

    if ($framework -eq 'net462' -and $null -eq $script:IisLogonRightsAssemblyResolver)
    {
        $script:IisLogonRightsAssemblyResolver = [System.ResolveEventHandler] {
            param ($resolveSender, $resolveArguments)
            $wanted = [System.Reflection.AssemblyName]::new($resolveArguments.Name).Name
            if (@('System.Runtime.CompilerServices.Unsafe', 'System.Buffers', 'System.Numerics.Vectors', 'System.Memory', 'Acornima', 'Jint') -notcontains $wanted)
            {
                return $null
            }

            return [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($folder, $wanted + '.dll'))
        }.GetNewClosure()
        [System.AppDomain]::CurrentDomain.add_AssemblyResolve($script:IisLogonRightsAssemblyResolver)
    }

    foreach ($name in $names)
    {
        $path = [System.IO.Path]::Combine($folder, $name + '.dll')
        $expected = [System.Reflection.AssemblyName]::GetAssemblyName($path)
        $loaded = @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name })
        if ($loaded.Count -gt 0 -and @($loaded | Where-Object { $_.GetName().Version -eq $expected.Version }).Count -eq 0 -and @('Acornima', 'Jint') -contains $name)
        {
            $conflict = @{
                ErrorId           = 'IisLogonRightsEngineHostUnavailable'
                Category          = 'ResourceUnavailable'
                TargetObject      = $name
                Message           = 'This PowerShell process already loaded {0} {1} (from {2}); the in-process engine needs version {3}.' -f $name, $loaded[0].GetName().Version, $loaded[0].Location, $expected.Version
                RecommendedAction = 'Run the module in a new PowerShell process, or set IIS_LOGON_RIGHTS_ENGINE=node to run the engine with Node.js.'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @conflict))
        }

        if ($loaded.Count -eq 0)
        {
            $null = [System.Reflection.Assembly]::LoadFrom($path)
        }
    }
}
