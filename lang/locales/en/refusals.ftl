## Why a value is refused, by code (rds::Refusal). The audit log keeps the
## code and the English words; pages word it in the member's language.

refusal-required = is required
refusal-range = must be between { $min } and { $max }, got { $got }
refusal-path-id = must be an id of 1 to 100 letters, digits, '-' or '_'
refusal-start-letter = must start with a letter (a–z, A–Z)
refusal-name-chars-dots = may hold only letters, digits, '-', '_' and '.'
refusal-name-chars = may hold only letters, digits, '-' and '_'
refusal-length-exact = must be { $min } characters long, got { $got }
refusal-length = must be { $min } to { $max } characters long, got { $got }
refusal-one-of = must be one of { $choices }, got { $got }
refusal-shrink = cannot shrink: the instance already has { $current } GB, got { $got }
refusal-time-of-day = must be a time of day as hh:mm:ss, got "{ $got }"
refusal-cidr = must be a CIDR such as 10.0.0.0/8, got "{ $got }"
refusal-empty = is empty
refusal-not-whole = must be a whole number, got "{ $got }"
refusal-sign-in = wrong username or password
refusal-disable-yourself = you cannot disable yourself
