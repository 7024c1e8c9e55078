; Inno Setup 6.3+ script: a Start-menu installer around the PyInstaller bundle (dist\ZGCDesk).
; Build on Windows after `py -3.11 dev.py bundle`:   iscc installer\ZGCDesk.iss   -> dist\ZGCDesk-<version>-setup.exe
; The program goes to the user's programs folder (no administrator needed; an administrator may choose
; Program Files). User data stays in %APPDATA%\ZGCDesk\ZGCDesk (database, backups, settings) and is
; never touched by install, upgrade or uninstall.
; The version is read from ZGCDesk.exe's version resource, which build_installer.spec fills in from
; zgc_desk/__init__.py (one version, defined once).
#define BundleDir SourcePath + "..\dist\ZGCDesk"
#define AppVersion GetVersionNumbersString(BundleDir + "\ZGCDesk.exe")
#if AppVersion == ""
  #error dist\ZGCDesk\ZGCDesk.exe is missing or has no version: build the bundle first (py -3.11 dev.py bundle)
#endif

[Setup]
AppId={{6F1C2B7E-5D2A-4B9E-9C41-2F0A7B3D8E15}
AppName=ZGC Desk
AppVersion={#AppVersion}
AppVerName=ZGC Desk {#AppVersion}
AppPublisher=ZGC Desk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\ZGCDesk
DefaultGroupName=ZGC Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#SourcePath}..\dist
OutputBaseFilename=ZGCDesk-{#AppVersion}-setup
SetupIconFile={#SourcePath}..\resources\icons\app.ico
UninstallDisplayIcon={app}\ZGCDesk.exe
UninstallDisplayName=ZGC Desk
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; ZGC Desk must not be running while its files are replaced
CloseApplications=yes

[Languages]
; Simplified Chinese first (the program's default). The .isl comes with newer Inno Setup releases or
; from the translations page of jrsoftware.org; put it next to this script if the compiler lacks it.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(SourcePath + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "{#SourcePath}ChineseSimplified.isl"
#else
  #pragma message "ChineseSimplified.isl not found: the installer will speak English only"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppComment=IP portfolio, deadlines and subsidy claims for Zhongguancun firms
english.ConsoleNote=Command line (zgc-desk) for scripts
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl") || FileExists(SourcePath + "ChineseSimplified.isl")
chinesesimplified.AppComment=中关村企业的知识产权组合、期限与资助申报
chinesesimplified.ConsoleNote=命令行（zgc-desk），供脚本使用
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Both programs of the bundle: ZGCDesk.exe (the window) and zgc-desk.exe (the command line)
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; files of an older version that the new one no longer ships
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\ZGC Desk"; Filename: "{app}\ZGCDesk.exe"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:UninstallProgram,ZGC Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ZGC Desk"; Filename: "{app}\ZGCDesk.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\ZGCDesk.exe"; Description: "{cm:LaunchProgram,ZGC Desk}"; Flags: nowait postinstall skipifsilent
