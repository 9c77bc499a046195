<#if kind == "resolved">[Resolved] <#elseif kind == "reminder">[Reminder] <#else>[${severity?upper_case}] </#if>${rule_name}: ${metric} ${condition} ${threshold}
