using System.Globalization;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Components.Shared;

/// <summary>A workload field's value as the pages write it: numbers with separators, a choice by its label.</summary>
public static class FieldValueText
{
    public static string Of(WorkloadField field, WorkloadParameters parameters) => field switch
    {
        IntField number => number.Get(parameters).ToString("N0", CultureInfo.InvariantCulture),
        TextField text => text.Get(parameters),
        ChoiceField choice => choice.Get(parameters) is { } value
            ? choice.Choices.FirstOrDefault(c => c.Value == value)?.Label ?? value
            : choice.AutoLabel,
        _ => "",
    };
}
