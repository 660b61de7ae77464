# ssoenv for PowerShell. In $PROFILE:  Invoke-Expression (& ssoenv init powershell | Out-String)
# `ssoenv use` and `ssoenv unset` change this session; profile names complete; before each prompt, role
# credentials within ten minutes of expiry are renewed.

$global:__ssoenv_exe = ::SSOENV::
$global:__ssoenv_next_try = 0

function global:ssoenv {
    # Help, and -s SHELL (code for another shell, or a .env or JSON file), are printed, not run here.
    $printOnly = $args | Where-Object { $_ -in @('--help', '-h', '-s', '--shell') -or $_ -like '--shell=*' -or $_ -like '-s?*' }
    if ($args.Count -gt 0 -and ($args[0] -eq 'use' -or $args[0] -eq 'unset') -and -not $printOnly) {
        $priorShell = $env:SSOENV_SHELL
        $env:SSOENV_SHELL = 'powershell'
        try {
            $code = & $global:__ssoenv_exe @args | Out-String
            if ($LASTEXITCODE -eq 0 -and $code) { Invoke-Expression $code }
        } finally {
            $env:SSOENV_SHELL = $priorShell
        }
    } else {
        & $global:__ssoenv_exe @args
    }
}

if (-not (Test-Path -LiteralPath 'Function:\__ssoenv_original_prompt')) {
    Copy-Item -LiteralPath 'Function:\prompt' -Destination 'Function:\__ssoenv_original_prompt'
    function global:prompt {
        # The prompt underneath must see the last command's $? and $LASTEXITCODE, not this wrapper's.
        $lastSucceeded = $global:?
        $lastExitCode = $global:LASTEXITCODE
        try {
            if ($env:SSOENV_PROFILE -and $env:SSOENV_CREDENTIAL_EXPIRATION_EPOCH) {
                $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
                if ($now + 600 -ge [long]$env:SSOENV_CREDENTIAL_EXPIRATION_EPOCH -and $now -ge $global:__ssoenv_next_try) {
                    $priorShell = $env:SSOENV_SHELL
                    $env:SSOENV_SHELL = 'powershell'
                    # The prompt waits for this: a few seconds of network at most.
                    $env:SSOENV_NETWORK_TIMEOUT = '5'
                    # The same profile, region and export mode as the `use` that set them.
                    $useArgs = @('use', $env:SSOENV_PROFILE, '--no-login')
                    if ($env:AWS_REGION) { $useArgs += "--region=$($env:AWS_REGION)" }
                    if ($env:AWS_PROFILE -eq $env:SSOENV_PROFILE) { $useArgs += @('--export', 'both') }
                    try {
                        $code = & $global:__ssoenv_exe @useArgs 2>$null | Out-String
                    } finally {
                        $env:SSOENV_SHELL = $priorShell
                        Remove-Item -LiteralPath 'Env:SSOENV_NETWORK_TIMEOUT' -ErrorAction SilentlyContinue
                    }
                    if ($LASTEXITCODE -eq 0 -and $code) { Invoke-Expression $code }
                    # Again a minute after this attempt ended, not at every prompt.
                    else { $global:__ssoenv_next_try = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 60 }
                }
            }
        } catch { }
        $global:LASTEXITCODE = $lastExitCode
        # PowerShell has no way to set $?, but a failed command sets it to $false for the next one.
        if (-not $lastSucceeded) { Write-Error '' -ErrorAction Ignore }
        & __ssoenv_original_prompt
    }
}

$env:COMPLETE = 'powershell'
try { & $global:__ssoenv_exe | Out-String | Invoke-Expression } catch { } finally {
    Remove-Item -LiteralPath 'Env:COMPLETE' -ErrorAction SilentlyContinue
}
