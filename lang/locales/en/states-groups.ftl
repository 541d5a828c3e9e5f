# The words for the values NHN Cloud's API sends (rds/src/enums.rs): each
# message is named <Enum>-<value>. The English is the enum's label, word for
# word (the build checks it); every value of an enum listed here needs one.


## SecurityGroupProgress
SecurityGroupProgress-NONE = None
SecurityGroupProgress-CREATING_RULE = Creating a rule
SecurityGroupProgress-UPDATING_RULE = Updating a rule
SecurityGroupProgress-DELETING_RULE = Deleting a rule
SecurityGroupProgress-APPLYING_DEFAULT_RULE = Applying the default rule

## Direction
Direction-INGRESS = Inbound
Direction-EGRESS = Outbound

## PortType
PortType-DB_PORT = DB port
PortType-PORT = Port
PortType-PORT_RANGE = Port range

## UserGroupTypeCode
UserGroupTypeCode-ENTIRE = All project members
UserGroupTypeCode-INDIVIDUAL_MEMBER = Selected members

## EventCategoryType
EventCategoryType-ALL = All
EventCategoryType-BACKUP = Backup
EventCategoryType-DB_INSTANCE = DB instance
EventCategoryType-DB_SECURITY_GROUP = DB security group
EventCategoryType-JOB = Job
EventCategoryType-TENANT = Tenant
EventCategoryType-MONITORING = Monitoring
