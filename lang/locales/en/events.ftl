## The events page and an instance's Events tab.

events-page-title = { -events }
events-category = Category
events-source = Source
events-every-source = Every source
events-from = From (UTC)
events-until = Until (UTC)
events-search = Search events
events-search-placeholder = words in the message
events-code = Event code
events-every-event = Every event
events-loading = Loading events…
events-none = No events match.
events-col-when = When
events-col-event = Event
events-col-code = Code
events-pages = Pages
events-previous = Previous
events-next = Next
events-pager = Page { $page } of { $pages } · { $total } events
