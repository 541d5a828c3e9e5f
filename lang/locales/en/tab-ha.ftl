## An instance's High availability tab.

ha-ha = High availability
ha-state = State
ha-ping = Ping interval
ha-failover-wait = Failover wait
ha-wait-replication = wait for replication
ha-pause = Pause
ha-resume = Resume
ha-repair = Repair
ha-split = Split
ha-modify = Modify high availability
ha-use = Use high availability
ha-ping-seconds = Ping interval (seconds)
ha-failover-label = Failover wait for replication (seconds, -1 to wait until caught up)
ha-failover-name = Failover wait (seconds)
ha-save = Save high availability
ha-no-replicas = No read replicas yet.
ha-members = Instance group members
ha-instance = Instance
ha-role = Role
ha-status = Status
ha-group = Instance group { $id }
ha-replicas =
    { $count ->
        [one] { $count } read replica.
       *[other] { $count } read replicas.
    }
ha-seconds = { $n } s

ha-this-instance = (this instance)
