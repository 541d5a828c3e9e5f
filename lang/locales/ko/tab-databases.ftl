## DB 인스턴스의 데이터베이스 탭.

dbs-loading = 데이터베이스를 불러오는 중…
dbs-table = 데이터베이스
dbs-none = 아직 데이터베이스가 없습니다.
dbs-rename = 이름 변경
dbs-database-name = 데이터베이스 이름
dbs-rename-database = 데이터베이스 이름 변경
dbs-cancel = 취소
dbs-new-database-name = 새 데이터베이스 이름
dbs-what = 데이터베이스 { $name }
dbs-rename-label = 데이터베이스 { $name } 이름 변경
dbs-new-name-for = { $name }의 새 이름
dbs-apply-hba = 접근 제어(HBA)를 바로 적용 (접근 제어 적용으로 간주되어 승인이 필요할 수 있음)
dbs-create = 데이터베이스 생성
