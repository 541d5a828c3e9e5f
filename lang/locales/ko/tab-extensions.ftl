## DB 인스턴스의 DB 확장 탭.

ext-hint = DB 확장은 DB 인스턴스 그룹(DB 인스턴스, 고가용성 후보, 읽기 복제본) 전체에 데이터베이스별로 설치됩니다. 설치와 제거는 DB 확장을 적용할 때까지 대기합니다.
ext-loading = DB 확장을 불러오는 중…
ext-apply = DB 확장 적용
ext-sync = DB 확장 동기화
ext-waiting = 적용을 기다리는 DB 확장 변경이 있습니다.
ext-table = DB 확장
ext-extension = DB 확장
ext-state = 상태
ext-databases = 데이터베이스
ext-remove = 제거
ext-install-more = 설치…
ext-everywhere = 이 DB 인스턴스의 모든 데이터베이스에 이미 설치되어 있습니다.
ext-database = 데이터베이스
ext-schema = 스키마
ext-cascade = 의존하는 DB 확장도 함께 설치 (cascade)
ext-install = DB 확장 설치
ext-cancel = 취소
ext-remove-label = { $name } 제거
ext-install-label = { $name } 설치
