//! Parameter groups and their parameters.

use super::*;

pub fn parameter_groups(w: &mut World, q: ParameterGroupQuery) -> Answer {
    let version = q.db_version.as_deref();
    let groups = w
        .parameter_groups
        .iter()
        .filter(|g| version.is_none_or(|v| rds::versions::same(&g.detail.db_version, v)))
        .map(|g| ParameterGroup {
            parameter_group_id: g.detail.parameter_group_id.clone(),
            parameter_group_name: g.detail.parameter_group_name.clone(),
            parameter_group_status: g.detail.parameter_group_status.clone(),
            description: g.detail.description.clone(),
            db_version: g.detail.db_version.clone(),
            created_ymdt: g.detail.created_ymdt.clone(),
            updated_ymdt: g.detail.updated_ymdt.clone(),
        })
        .collect();
    ok(ParameterGroups { parameter_groups: groups })
}

pub fn parameter_group(w: &mut World, group_id: ParameterGroupId) -> Answer {
    let id = group_id.0;
    ok(param_group(w, &id)?.detail.clone())
}

pub fn create_parameter_group(w: &mut World, r: CreateParameterGroup) -> Answer {
    valid(&r)?;
    check_version(w, &r.db_version)?;
    let major = if rds::versions::parts(&r.db_version).is_some_and(|(m, _)| m >= 17) { "17" } else { "14" };
    // Kept as the sandbox lists the version, whichever form was sent.
    let listed = w.versions.iter().find(|v| rds::versions::same(&v.db_version, &r.db_version)).map(|v| v.db_version.clone());
    new_parameter_group(w, r.parameter_group_name, r.description, listed.unwrap_or(r.db_version), default_parameters(major))
}

pub fn copy_parameter_group(w: &mut World, group_id: ParameterGroupId, r: NameAndDescription) -> Answer {
    valid(&r)?;
    let Some(n) = r.parameter_group_name.clone() else {
        return Err(ApiError::invalid(ValidationError::new("parameterGroupName", "is required")));
    };
    let src = param_group(w, group_id.as_str())?.detail.clone();
    new_parameter_group(w, n, r.description, src.db_version, src.parameters)
}

/// A new group under a name no other group has.
fn new_parameter_group(
    w: &mut World,
    group_name: String,
    description: Option<String>,
    version: String,
    parameters: Vec<Parameter>,
) -> Answer {
    if w.parameter_groups.iter().any(|g| g.detail.parameter_group_name == group_name) {
        return Err(ApiError::invalid(ValidationError::new("parameterGroupName", "a parameter group with this name already exists")));
    }
    let gid = ParameterGroupId::new(uuid());
    let now = ts_now();
    w.parameter_groups.push(ParamGroup {
        detail: ParameterGroupDetail {
            parameter_group_id: gid.clone(),
            parameter_group_name: group_name,
            description,
            db_version: version,
            parameter_group_status: Some(ParameterGroupStatus::Stable),
            parameters,
            created_ymdt: Some(now.clone()),
            updated_ymdt: Some(now),
        },
    });
    ok(ParameterGroupCreated { parameter_group_id: gid })
}

pub fn modify_parameter_group(w: &mut World, group_id: ParameterGroupId, body: NameAndDescription) -> Answer {
    let id = group_id.0;
    let r: NameAndDescription = body;
    valid(&r)?;
    let g = param_group_mut(w, &id)?;
    if let Some(n) = r.parameter_group_name {
        g.detail.parameter_group_name = n;
    }
    if let Some(d) = r.description {
        g.detail.description = Some(d);
    }
    g.detail.updated_ymdt = Some(ts_now());
    empty()
}

pub fn modify_parameters(w: &mut World, group_id: ParameterGroupId, r: ModifyParameters) -> Answer {
    valid(&r)?;
    set_parameters(w, group_id.0, Some(r.modified_parameters))
}

pub fn reset_parameter_group(w: &mut World, group_id: ParameterGroupId) -> Answer {
    set_parameters(w, group_id.0, None)
}

/// Sets the given values, or every default (`None`); the group and its
/// instances then wait for the values to be applied.
fn set_parameters(w: &mut World, id: String, changes: Option<Vec<ParameterChange>>) -> Answer {
    let g = param_group_mut(w, &id)?;
    match changes {
        Some(changes) => {
            for c in &changes {
                let Some(pm) = g.detail.parameters.iter().find(|x| x.parameter_name == c.parameter_name) else {
                    return Err(ApiError::invalid(ValidationError::new(
                        "modifiedParameters.parameterName",
                        format!("no such parameter: {}", c.parameter_name),
                    )));
                };
                if pm.update_type == Some(UpdateType::Constant) {
                    return Err(ApiError::invalid(ValidationError::new(
                        "modifiedParameters.value",
                        format!("{} cannot be changed", c.parameter_name),
                    )));
                }
                check_parameter_value(pm, &c.value)?;
            }
            for c in changes {
                if let Some(pm) = g.detail.parameters.iter_mut().find(|x| x.parameter_name == c.parameter_name) {
                    pm.value = c.value;
                }
            }
        }
        None => {
            for pm in &mut g.detail.parameters {
                pm.value = pm.default_value.clone();
            }
        }
    }
    g.detail.parameter_group_status = Some(ParameterGroupStatus::NeedToApply);
    g.detail.updated_ymdt = Some(ts_now());
    for i in w.instances.iter_mut().filter(|i| i.detail.parameter_group_id.as_str() == id) {
        i.detail.need_to_apply_parameter_group = true;
    }
    empty()
}

pub fn delete_parameter_group(w: &mut World, group_id: ParameterGroupId) -> Answer {
    let id = group_id.0;
    param_group(w, &id)?;
    if let Some(i) = w.instances.iter().find(|i| i.detail.parameter_group_id.as_str() == id) {
        return Err(ApiError::new(codes::IN_USE, format!("The parameter group is in use by DB instance {}", i.detail.db_instance_name)));
    }
    w.parameter_groups.retain(|g| g.detail.parameter_group_id.as_str() != id);
    empty()
}

pub(super) fn check_parameter_value(pm: &Parameter, value: &str) -> Result<(), ApiError> {
    // The same rule pgdeck checks before sending: range with its unit,
    // enum membership, booleans (rds::params).
    rds::params::check(pm, value).map_err(ApiError::invalid)
}
