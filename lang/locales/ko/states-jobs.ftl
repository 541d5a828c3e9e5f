# API가 보내는 값의 이름 (rds/src/enums.rs). 메시지 이름은 <Enum>-<값>입니다.


## JobStatus
JobStatus-PREPARING = 준비 중
JobStatus-READY = 준비됨
JobStatus-RUNNING = 실행 중
JobStatus-COMPLETED = 완료
JobStatus-REGISTERED = 등록됨
JobStatus-WAIT_TO_REGISTER = 등록 대기 중
JobStatus-INTERRUPTED = 중단됨
JobStatus-CANCELED = 취소됨
JobStatus-FAILED = 실패
JobStatus-ERROR = 오류
JobStatus-DELETED = 삭제됨
JobStatus-FAIL_TO_READY = 준비 실패
JobStatus-CANNOT_PROGRESS = 진행 불가
JobStatus-COMPLETED_WITH_ERROR = 오류와 함께 완료
JobStatus-FAIL_TO_REGISTER = 등록 실패

## ResourceType
ResourceType-DB_INSTANCE = { -db-instance }
ResourceType-DB_INSTANCE_GROUP = { -db-instance } 그룹
ResourceType-DB_SECURITY_GROUP = { -security-group }
ResourceType-PARAMETER_GROUP = { -parameter-group }
ResourceType-BACKUP = { -backup }
ResourceType-TENANT = 테넌트
