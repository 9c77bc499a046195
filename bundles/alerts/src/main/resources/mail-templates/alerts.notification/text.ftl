<#if kind == "resolved">The alert "${rule_name}" is resolved: ${metric} is ${value} now.
<#elseif kind == "reminder">Reminder: the alert "${rule_name}" is still firing and nobody has acknowledged it yet (reminder ${reminders}).
<#else>The alert "${rule_name}" fired: ${metric} is ${value}.
</#if>
Rule:       ${metric} ${condition} ${threshold}
Severity:   ${severity}
Triggered:  ${triggered_at} (UTC)
Alert id:   ${alert_id}
<#if description?has_content>

${description}
</#if>
<#if kind != "resolved">

Acknowledge it to stop the reminders: POST /api/v1/alerts/${alert_id}/acknowledge or, in the Karaf shell, alert:ack ${alert_id}
</#if>
