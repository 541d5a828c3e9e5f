## pgdeck이 웹훅으로 보내는 알림.

notice = pgdeck 승인 요청 #{ $id } { $event }: { $kind } { $resource }에 대한 { $action } (요청자 { $requester }, 사유: { $reason })
notice-stale = . 요청 후 대상이 바뀌어 실행하지 않았습니다: { $why }
notice-created = 생성됨
notice-approved = 승인됨
notice-rejected = 거부됨
notice-expired = 만료됨
notice-executed = 실행됨
notice-failed = 실패
notice-stale-word = 대상 변경으로 중단됨
