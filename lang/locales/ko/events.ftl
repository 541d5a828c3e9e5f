## 이벤트 페이지와 DB 인스턴스의 이벤트 탭.

events-page-title = { -events }
events-category = 이벤트 유형
events-source = 발생 소스
events-every-source = 모든 소스
events-from = 시작일 (UTC)
events-until = 종료일 (UTC)
events-search = 이벤트 검색
events-search-placeholder = 메시지에 든 단어
events-code = 이벤트 코드
events-every-event = 모든 이벤트
events-loading = 이벤트를 불러오는 중…
events-none = 조건에 맞는 이벤트가 없습니다.
events-col-when = 발생 일시
events-col-event = 이벤트
events-col-code = 코드
events-pages = 페이지
events-previous = 이전
events-next = 다음
events-pager = { $page } / { $pages } 페이지 · 이벤트 { $total }개
