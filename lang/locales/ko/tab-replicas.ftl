## DB 인스턴스의 읽기 복제본 탭.

rep-is-replica = 이 DB 인스턴스는 읽기 복제본입니다.
rep-promote = 마스터로 승격
rep-loading = 읽기 복제본 양식을 불러오는 중…
rep-create-title = 읽기 복제본 생성
rep-name = 읽기 복제본 이름
rep-description = 읽기 복제본 설명
rep-specification = 읽기 복제본 DB 인스턴스 타입
rep-port = 읽기 복제본 DB 포트
rep-port-name = DB 포트
rep-parameter-group = 읽기 복제본 파라미터 그룹
rep-storage-type = 읽기 복제본 스토리지 타입
rep-storage-name = 스토리지 크기 (GB)
rep-backup = 읽기 복제본 백업 보관 기간 (일)
rep-backup-name = 백업 보관 기간 (일)
rep-zone = 읽기 복제본 가용성 영역
rep-public = 읽기 복제본에 플로팅 IP 사용
rep-default-notification = 기본 알림 사용
rep-protect = 읽기 복제본 삭제 보호
rep-security-groups = 읽기 복제본 DB 보안 그룹
rep-sg-name = DB 보안 그룹
rep-user-groups = 알림을 받을 읽기 복제본 사용자 그룹
rep-create = 읽기 복제본 생성
rep-storage-size = 읽기 복제본 스토리지 크기 (GB, { $min } 이상)

rep-pick-one = 하나 이상 고르세요
rep-same-zone = 원본과 같음
