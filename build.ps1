<#
.SYNOPSIS
    Builds, tests, runs, benchmarks and formats RaffsSync.

.DESCRIPTION
    Run from the repository, where the local tool manifest makes `dotnet pwsh` available:

        dotnet tool restore
        dotnet pwsh build.ps1 test

    Targets:
        build         Builds RaffsSync.sln.
        test          Restores the local tools, builds, and runs every test project. TRX files go to
                      artifacts/test-results, which is emptied first. Exits non-zero when a test fails.
        run           Runs src/RaffsSync.Api on http://127.0.0.1:5080 with the embedded SQLite database, in the
                      Development environment unless ASPNETCORE_ENVIRONMENT is set. Arguments after the
                      target go to the application.
        bench         Builds the gateway and bench/RaffsSync.Bench in Release and runs the throughput benchmark:
                      a throwaway PostgreSQL, a bare 202 endpoint, pgbench and the gateway side by side, driven
                      by wrk. Writes the results into docs/benchmarks.md. Needs wrk and the PostgreSQL server
                      binaries (apt-get install wrk postgresql) and installs neither. Arguments after the
                      target go to the harness, for example --scenarios batched --no-output.
        format        Formats the repository with CSharpier.
        format-check  Fails when a file is not formatted as CSharpier would format it.

.PARAMETER Target
    The target to run. The default is build.

.PARAMETER Configuration
    The build configuration, Debug or Release. The default is Debug.

.PARAMETER Duration
    bench only: measured seconds of each load scenario, 1 to 240. The default is 10.

.PARAMETER Runs
    bench only: runs of every scenario; the report gives the median. The default is 3.

.PARAMETER ApplicationArguments
    Arguments passed to the application by the run target, for example --urls http://127.0.0.1:5080, or to
    the benchmark harness by the bench target.

.EXAMPLE
    dotnet pwsh build.ps1 build -Configuration Release

.EXAMPLE
    dotnet pwsh build.ps1 bench -Duration 10
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'run', 'bench', 'format', 'format-check')]
    [string] $Target = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [ValidateRange(1, 240)]
    [int] $Duration = 10,

    [ValidateRange(1, 15)]
    [int] $Runs = 3,

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $ApplicationArguments = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Solution = 'RaffsSync.sln'
$ApiProject = 'src/RaffsSync.Api'
$BenchProject = 'bench/RaffsSync.Bench'
$TestResultsDirectory = 'artifacts/test-results'

# Runs dotnet with the given arguments and throws when it exits with a non-zero code.
function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)

    Write-Host "> dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'dotnet $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Dotnet -Arguments 'build', $Solution, '--configuration', $Configuration
}

function Invoke-Test {
    # Old TRX files would be counted again by .ci/run, even when the build below fails,
    # so each test run starts with an empty directory.
    if (Test-Path -LiteralPath $TestResultsDirectory) {
        Remove-Item -LiteralPath $TestResultsDirectory -Recurse -Force
    }

    Invoke-Dotnet -Arguments 'tool', 'restore'
    Invoke-Build

    Invoke-Dotnet -Arguments @(
        'test', $Solution,
        '--configuration', $Configuration,
        '--no-build',
        '--logger', 'trx',
        '--results-directory', $TestResultsDirectory
    )
}

function Invoke-Run {
    # The Development settings configure demo providers with test-only secrets, so a first run accepts
    # the README's signed example. Set ASPNETCORE_ENVIRONMENT to choose other settings.
    if (-not $env:ASPNETCORE_ENVIRONMENT) {
        $env:ASPNETCORE_ENVIRONMENT = 'Development'
    }

    Invoke-Dotnet -Arguments (@('run', '--project', $ApiProject, '--configuration', $Configuration, '--') + $ApplicationArguments)
}

function Invoke-Bench {
    # The benchmark measures the gateway as deployed, so it always builds Release, whatever -Configuration says.
    Invoke-Dotnet -Arguments 'build', $ApiProject, '--configuration', 'Release'
    Invoke-Dotnet -Arguments 'build', $BenchProject, '--configuration', 'Release'

    $harness = Join-Path $BenchProject 'bin/Release/net10.0/RaffsSync.Bench.dll'
    $gateway = Join-Path $ApiProject 'bin/Release/net10.0/RaffsSync.Api.dll'
    Invoke-Dotnet -Arguments (@(
            $harness,
            '--gateway', $gateway,
            '--duration', $Duration,
            '--runs', $Runs,
            '--invoked-as', "dotnet pwsh build.ps1 bench -Duration $Duration -Runs $Runs"
        ) + $ApplicationArguments)
}

function Invoke-Format {
    Invoke-Dotnet -Arguments 'csharpier', 'format', '.'
}

function Invoke-FormatCheck {
    Invoke-Dotnet -Arguments 'csharpier', 'check', '.'
}

# Paths above are relative to the repository root, wherever the script is started from.
Push-Location -LiteralPath $PSScriptRoot
try {
    switch ($Target) {
        'build' { Invoke-Build }
        'test' { Invoke-Test }
        'run' { Invoke-Run }
        'bench' { Invoke-Bench }
        'format' { Invoke-Format }
        'format-check' { Invoke-FormatCheck }
    }
}
finally {
    Pop-Location
}
