; Inno Setup script: a per-user Start-menu installer around the PyInstaller bundle (dist\ZGCDesk).
; Build on Windows after `py -3.11 dev.py bundle`:  iscc installer\ZGCDesk.iss
; The program goes to Program Files (or the user's programs folder without admin rights); user data
; stays in %APPDATA%\ZGCDesk and is never touched by install, upgrade or uninstall.
#define AppVersion GetVersionNumbersString("..\dist\ZGCDesk\ZGCDesk.exe")

[Setup]
AppId={{6F1C2B7E-5D2A-4B9E-9C41-2F0A7B3D8E15}
AppName=ZGC Desk 中关村知识产权助手
AppVersion={#AppVersion}
AppPublisher=ZGC Desk
DefaultDirName={autopf}\ZGCDesk
DefaultGroupName=ZGC Desk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=ZGCDesk-setup
SetupIconFile=..\resources\icons\app.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\ZGCDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ZGC Desk"; Filename: "{app}\ZGCDesk.exe"
Name: "{group}\{cm:UninstallProgram,ZGC Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ZGC Desk"; Filename: "{app}\ZGCDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ZGCDesk.exe"; Description: "{cm:LaunchProgram,ZGC Desk}"; Flags: nowait postinstall skipifsilent
