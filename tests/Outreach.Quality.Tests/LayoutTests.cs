using System.Reflection;
using System.Runtime.CompilerServices;

namespace Outreach.Quality.Tests;

/// <summary>Guards the reference directions and house rules the architecture relies on.</summary>
public class LayoutTests
{
    private static readonly Assembly[] OurAssemblies =
    [
        typeof(Outreach.Solver.SolverAssembly).Assembly,
        typeof(Program).Assembly,
        Assembly.Load("outreach"),
        typeof(Outreach.Rostering.RosterSolver).Assembly,
    ];

    [Fact]
    public void Solver_ReferencesOnlySystemAssemblies()
    {
        var solver = typeof(Outreach.Solver.SolverAssembly).Assembly;
        var foreign = solver.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(n => !(n == "System" || n.StartsWith("System.", StringComparison.Ordinal) || n == "netstandard" || n == "mscorlib"))
            .ToList();
        Assert.Empty(foreign);
    }

    [Fact]
    public void Rostering_ReferencesOnlySolverAndOrTools()
    {
        // CP-SAT lives behind the pure roster model: Rostering sees the Solver and OR-Tools, nothing else of ours.
        var rostering = typeof(Outreach.Rostering.RosterSolver).Assembly;
        var foreign = rostering.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(n => !(n == "System" || n.StartsWith("System.", StringComparison.Ordinal) || n == "netstandard" || n == "mscorlib"
                || n == "Outreach.Solver" || n == "Google.OrTools" || n == "Google.Protobuf"))
            .ToList();
        Assert.Empty(foreign);
    }

    [Fact]
    public void OnlyRostering_ReferencesOrToolsInSrc()
    {
        // The native OR-Tools runtime stays out of the projects every host loads (bench/ may use it beside our engine).
        var offenders = AllOutreachAssemblies()
            .Where(a => a.GetName().Name is not ("Outreach.Rostering" or "Outreach.Bench"))
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == "Google.OrTools"))
            .Select(a => a.GetName().Name)
            .ToList();
        Assert.Empty(offenders);
        Assert.Contains(AllOutreachAssemblies(), a => a.GetName().Name == "Outreach.Rostering");
    }

    [Fact]
    public void AllAssemblies_HaveNoAsyncVoidMethods()
    {
        var offenders = AllOutreachAssemblies()
            .SelectMany(SafeTypes)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(void) && m.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
            .Select(m => $"{m.DeclaringType?.FullName}.{m.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void AllAssemblies_AreLoadedFromOurSolution()
    {
        // Loading every Outreach.* assembly proves the reference graph is intact; the scan above needs them all.
        var names = AllOutreachAssemblies().Select(a => a.GetName().Name).ToHashSet();
        Assert.Contains("Outreach.Solver", names);
        Assert.Contains("Outreach.Web", names);
        Assert.Contains("outreach", names);
    }

    private static List<Assembly> AllOutreachAssemblies()
    {
        var seen = new Dictionary<string, Assembly>();
        var queue = new Queue<Assembly>(OurAssemblies);
        while (queue.Count > 0)
        {
            var a = queue.Dequeue();
            var name = a.GetName().Name ?? "";
            if (!seen.TryAdd(name, a))
            {
                continue;
            }
            foreach (var r in a.GetReferencedAssemblies().Where(r => r.Name is not null && (r.Name.StartsWith("Outreach.", StringComparison.Ordinal) || r.Name == "outreach")))
            {
                queue.Enqueue(Assembly.Load(r));
            }
        }
        return [.. seen.Values];
    }

    private static Type[] SafeTypes(Assembly a)
    {
        try
        {
            return a.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return [.. e.Types.OfType<Type>()];
        }
    }
}
