# Windows 10/11 IoT Enterprise or Enterprise: the kiosk as the shell of the "kiosk" user
# (Shell Launcher v2), started again whenever it exits, and the Keyboard Filter's blocked
# keys. Run in an elevated PowerShell after the kiosk is installed in C:\Tongban.
# Read docs/lockdown.md first: it explains each step.
$ErrorActionPreference = "Stop"
$Kiosk = "C:\Tongban\.venv\Scripts\pythonw.exe -m kiosk --data-dir C:\ProgramData\Tongban"

Enable-WindowsOptionalFeature -Online -NoRestart -FeatureName `
    Client-EmbeddedShellLauncher, Client-KeyboardFilter

# Shell Launcher v2 (WMI bridge): the kiosk user's shell is the kiosk; on any exit, restart it.
$ns = "root\standardcimv2\embedded"
$shell = Get-CimClass -Namespace $ns -ClassName WESL_UserSetting
$sid = (New-Object System.Security.Principal.NTAccount("kiosk")).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value
$RestartShell = 0
Invoke-CimMethod -CimClass $shell -MethodName SetCustomShell -Arguments @{
    Sid = $sid; Shell = $Kiosk; ReturnCodes = @(); ReturnCodeActions = @(); DefaultAction = $RestartShell }
Invoke-CimMethod -CimClass $shell -MethodName SetDefaultShell -Arguments @{
    Shell = "explorer.exe"; DefaultAction = $RestartShell }   # administrators keep Explorer
Invoke-CimMethod -CimClass $shell -MethodName SetEnabled -Arguments @{ Enabled = $true }

# Keyboard Filter: the keys that leave an app, for the kiosk user (administrators exempt).
$keys = "Ctrl+Alt+Del", "Win+L", "Ctrl+Esc", "Alt+F4", "Alt+Tab", "Alt+Esc", "Ctrl+Shift+Esc",
        "Windows", "Win+Tab", "Win+D", "Win+R", "Win+E", "Win+X", "Alt+Space"
foreach ($id in $keys) {
    $p = Get-CimInstance -Namespace $ns -ClassName WEKF_PredefinedKey |
         Where-Object Id -eq $id
    if ($p) { $p.Enabled = $true; Set-CimInstance -InputObject $p }
}
$settings = Get-CimInstance -Namespace $ns -ClassName WEKF_Settings |
            Where-Object Name -eq "DisableKeyboardFilterForAdministrators"
$settings.Value = "true"; Set-CimInstance -InputObject $settings

# Auto-logon of the kiosk user (Sysinternals Autologon keeps the password encrypted):
#   Autologon64.exe kiosk <computer> <password> /accepteula
Write-Host "Restart Windows to apply Shell Launcher and the Keyboard Filter."
