# The words for the values NHN Cloud's API sends (rds/src/enums.rs): each
# message is named <Enum>-<value>. The English is the enum's label, word for
# word (the build checks it); every value of an enum listed here needs one.


## ParameterGroupStatus
ParameterGroupStatus-STABLE = Applied
ParameterGroupStatus-NEED_TO_APPLY = Needs to be applied
ParameterGroupStatus-DELETED = Deleted

## ValueUnit
ValueUnit-B = bytes
ValueUnit-kB = kilobytes
ValueUnit-MB = megabytes
ValueUnit-GB = gigabytes
ValueUnit-TB = terabytes
ValueUnit-us = microseconds
ValueUnit-ms = milliseconds
ValueUnit-s = seconds
ValueUnit-min = minutes
ValueUnit-h = hours
ValueUnit-d = days

## ValueType
ValueType-BOOLEAN = Boolean
ValueType-STRING = String
ValueType-NUMERIC = Number
ValueType-NUMERIC_WITH_BYTE_UNIT = Size
ValueType-NUMERIC_WITH_TIME_UNIT = Duration
ValueType-ENUMERATED = One of the allowed values
ValueType-MULTI_ENUMERATED = Several of the allowed values
ValueType-TIMEZONE = Time zone

## UpdateType
UpdateType-VARIABLE = Modifiable
UpdateType-CONSTANT = Fixed

## ParameterApplyType
ParameterApplyType-SESSION = Per session
ParameterApplyType-FILE = Configuration file (restart)
ParameterApplyType-BOTH = Session and file
