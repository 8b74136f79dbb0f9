; Included by electron-builder's NSIS installer: start the hall at every logon of any user,
; with its data under ProgramData so it survives updates and belongs to no single user.
!macro customInstall
  CreateDirectory "$COMMONPROGRAMDATA\RedHall"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "RedHall" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --data="$COMMONPROGRAMDATA\RedHall"'
!macroend

!macro customUnInstall
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "RedHall"
!macroend
