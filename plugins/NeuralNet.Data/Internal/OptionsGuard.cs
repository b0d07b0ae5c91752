using System.ComponentModel.DataAnnotations;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Validates an options object with its DataAnnotations (and <see cref="IValidatableObject"/>) when a data source is
/// constructed directly; the registry has already done so, naming config keys, when it creates one by name.
/// </summary>
internal static class OptionsGuard
{
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Any validation failure; the message lists them all.</exception>
    public static T Validate<T>(T options, string parameterName) where T : class
    {
        ArgumentNullException.ThrowIfNull(options, parameterName);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            return options;
        string problems = string.Join(" ", results.Select(r =>
            (r.MemberNames.Any() ? string.Join(", ", r.MemberNames) + ": " : "") + r.ErrorMessage));
        throw new ArgumentException($"Invalid {typeof(T).Name}: {problems}", parameterName);
    }
}
