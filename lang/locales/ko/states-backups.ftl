# API가 보내는 값의 이름 (rds/src/enums.rs). 메시지 이름은 <Enum>-<값>입니다.


## BackupType
BackupType-AUTO = 자동
BackupType-MANUAL = 수동

## BackupStatus
BackupStatus-BACKING_UP = 백업 중
BackupStatus-COMPLETED = 완료
BackupStatus-DELETING = 삭제 중
BackupStatus-DELETED = 삭제됨
BackupStatus-ERROR = 오류

## RestoreType
RestoreType-TIMESTAMP = 시점 복원
RestoreType-BACKUP = 백업으로 복원
