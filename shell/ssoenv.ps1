# ssoenv for PowerShell. In $PROFILE:  Invoke-Expression (& ssoenv init powershell | Out-String)
# `ssoenv use` and `ssoenv unset` change this session; profile names complete; before each prompt, role
# credentials within ten minutes of expiry are renewed.

$global:__ssoenv_exe = ::SSOENV::
$global:__ssoenv_next_try = 0

function global:ssoenv {
    if ($args.Count -gt 0 -and ($args[0] -eq 'use' -or $args[0] -eq 'unset') -and -not ($args -contains '--help' -or $args -contains '-h')) {
        $env:SSOENV_SHELL = 'powershell'
        try {
            $code = & $global:__ssoenv_exe @args | Out-String
            if ($LASTEXITCODE -eq 0 -and $code) { Invoke-Expression $code }
        } finally {
            Remove-Item -LiteralPath 'Env:SSOENV_SHELL' -ErrorAction SilentlyContinue
        }
    } else {
        & $global:__ssoenv_exe @args
    }
}

if (-not (Test-Path -LiteralPath 'Function:\__ssoenv_original_prompt')) {
    Copy-Item -LiteralPath 'Function:\prompt' -Destination 'Function:\__ssoenv_original_prompt'
    function global:prompt {
        try {
            if ($env:SSOENV_PROFILE -and $env:SSOENV_CREDENTIAL_EXPIRATION_EPOCH) {
                $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
                if ($now + 600 -ge [long]$env:SSOENV_CREDENTIAL_EXPIRATION_EPOCH -and $now -ge $global:__ssoenv_next_try) {
                    $env:SSOENV_SHELL = 'powershell'
                    # The same profile, region and export mode as the `use` that set them.
                    $useArgs = @('use', $env:SSOENV_PROFILE, '--no-login')
                    if ($env:AWS_REGION) { $useArgs += "--region=$($env:AWS_REGION)" }
                    if ($env:AWS_PROFILE -eq $env:SSOENV_PROFILE) { $useArgs += @('--export', 'both') }
                    $code = & $global:__ssoenv_exe @useArgs 2>$null | Out-String
                    Remove-Item -LiteralPath 'Env:SSOENV_SHELL' -ErrorAction SilentlyContinue
                    if ($LASTEXITCODE -eq 0 -and $code) { Invoke-Expression $code }
                    else { $global:__ssoenv_next_try = $now + 60 }
                }
            }
        } catch { }
        & __ssoenv_original_prompt
    }
}

$env:COMPLETE = 'powershell'
try { & $global:__ssoenv_exe | Out-String | Invoke-Expression } catch { } finally {
    Remove-Item -LiteralPath 'Env:COMPLETE' -ErrorAction SilentlyContinue
}
