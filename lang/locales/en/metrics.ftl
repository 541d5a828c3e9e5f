## The metrics NHN Cloud measures (`metric-<name>`, as upstream names them),
## and a watchdog in words. The monitoring tab and the alerting page load these.

metric-CPU_USAGE = CPU usage
metric-CPU_LOAD_AVERAGE_1M = CPU load average 1m
metric-CPU_LOAD_AVERAGE_5M = CPU load average 5m
metric-CPU_LOAD_AVERAGE_15M = CPU load average 15m
metric-MEMORY_USAGE = Memory usage
metric-MEMORY_USED = Memory used
metric-MEMORY_FREE = Memory free
metric-SWAP_USAGE = Swap usage
metric-STORAGE_USAGE = Storage usage
metric-STORAGE_USED = Storage used
metric-STORAGE_IO_READ = Storage I/O read
metric-STORAGE_IO_WRITE = Storage I/O write
metric-NETWORK_RECV = Network recv
metric-NETWORK_SENT = Network sent
metric-DATABASE_STATUS = Database status
metric-DATABASE_CONNECTIONS = Database connections
metric-TRANSACTIONS_PER_SECOND = Transactions per second
metric-QUERIES_PER_SECOND = Queries per second
metric-DEADLOCKS = Deadlocks
metric-REPLICATION_DELAY = Replication delay

# "CPU usage ≥ 90 % for 5 minutes"
watchdog-sentence = { $metric } { $sign } { $threshold }{ $unit } for { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }

unit-count = count
unit-count-per-second = count/s
