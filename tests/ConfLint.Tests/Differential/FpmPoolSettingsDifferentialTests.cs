using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Differential;

/// <summary>
/// The php.ini values a PHP-FPM pool sets (php_value[], php_flag[], php_admin_value[], php_admin_flag[]) as the model
/// takes them, against what a real php-fpm8.2 applies: the pool is run, asked for a script over FastCGI, and the script
/// prints ini_get() of each directive the pool sets.
/// </summary>
public class FpmPoolSettingsDifferentialTests
{
    private static readonly string[] Directives = { "memory_limit", "display_errors", "log_errors", "max_execution_time" };

    public static TheoryData<string> Pools => new()
    {
        "php_value[memory_limit] = 11M\nphp_value[memory_limit] = 22M\n",
        "php_admin_value[memory_limit] = 33M\nphp_value[memory_limit] = 11M\n",
        "php_value[memory_limit] = 11M\nphp_admin_value[memory_limit] = 33M\nphp_admin_value[memory_limit] = 44M\n",
        "php_flag[display_errors] = off\nphp_value[display_errors] = 1\n",
        "php_admin_flag[log_errors] = on\nphp_admin_value[log_errors] = 0\nphp_value[log_errors] = 0\n",
        "php_value[max_execution_time] = 7\nphp_admin_value[memory_limit] = 12M\nphp_value[max_execution_time] = 8\nphp_admin_flag[display_errors] = off\n",
    };

    [SkippableTheory]
    [MemberData(nameof(Pools))]
    public void The_values_the_model_takes_are_those_php_fpm_applies(string poolSettings)
    {
        var fpm = Oracle.Require("php-fpm8.2");
        using var tree = new FpmHostTree(poolExtra: poolSettings);
        var backend = tree.Model().VirtualHosts.Single().Backends.Single();

        var applied = Run(fpm, poolSettings);
        foreach (var directive in Directives)
        {
            if (!poolSettings.Contains($"[{directive}]")) continue;
            Assert.True(backend.Setting(directive) is not null, $"the model has no value for {directive}");
            Assert.Equal(applied[directive], backend.Setting(directive)!.Value);
        }
    }

    // What ini_get() says of each directive in a request to a pool with these settings.
    private static Dictionary<string, string> Run(string fpm, string poolSettings)
    {
        var dir = Directory.CreateTempSubdirectory("conflint-fpm-oracle-").FullName;
        try
        {
            var socket = Path.Combine(dir, "pool.sock");
            var script = Path.Combine(dir, "ini.php");
            File.WriteAllText(script, $"<?php $d = ['{string.Join("', '", Directives)}']; echo json_encode(array_combine($d, array_map('ini_get', $d)));\n");
            var config = Path.Combine(dir, "php-fpm.conf");
            File.WriteAllText(config, $"""
                [global]
                pid = {dir}/fpm.pid
                error_log = {dir}/fpm.log
                daemonize = no

                [oracle]
                listen = {socket}
                pm = static
                pm.max_children = 1
                {poolSettings}
                """);
            using var process = Process.Start(new ProcessStartInfo(fpm, new[] { "-F", "-R", "-n", "-y", config })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            try
            {
                var waited = Stopwatch.StartNew();
                while (!File.Exists(socket))
                {
                    if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(10))
                        Assert.Fail($"php-fpm did not start: {process.StandardError.ReadToEnd()}{File.ReadAllText(Path.Combine(dir, "fpm.log"))}");
                    Thread.Sleep(20);
                }
                var body = FastCgiGet(socket, script);
                var json = body[(body.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
                return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
            }
            finally
            {
                process.Kill();
                process.WaitForExit();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // One FastCGI request (a responder, GET) and the script's output (headers and body).
    private static string FastCgiGet(string socketPath, string scriptFilename)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        var request = new MemoryStream();
        Record(request, 1, new byte[] { 0, 1, 0, 0, 0, 0, 0, 0 }); // FCGI_BEGIN_REQUEST: role responder, no keep-alive
        var parameters = new MemoryStream();
        foreach (var (name, value) in new[] { ("SCRIPT_FILENAME", scriptFilename), ("REQUEST_METHOD", "GET"), ("SCRIPT_NAME", "/ini.php"), ("GATEWAY_INTERFACE", "CGI/1.1"), ("SERVER_PROTOCOL", "HTTP/1.1") })
        {
            var n = Encoding.UTF8.GetBytes(name);
            var v = Encoding.UTF8.GetBytes(value);
            parameters.WriteByte((byte)n.Length);
            parameters.WriteByte((byte)v.Length);
            parameters.Write(n);
            parameters.Write(v);
        }
        Record(request, 4, parameters.ToArray()); // FCGI_PARAMS, then the empty one that ends them
        Record(request, 4, Array.Empty<byte>());
        Record(request, 5, Array.Empty<byte>()); // FCGI_STDIN, empty
        socket.Send(request.ToArray());

        var output = new MemoryStream();
        var header = new byte[8];
        while (ReadExactly(socket, header))
        {
            int length = header[4] << 8 | header[5], padding = header[6];
            var content = new byte[length + padding];
            if (!ReadExactly(socket, content)) break;
            if (header[1] == 6) output.Write(content, 0, length); // FCGI_STDOUT
            if (header[1] == 3) break; // FCGI_END_REQUEST
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void Record(Stream stream, byte type, byte[] content)
    {
        stream.Write(new byte[] { 1, type, 0, 1, (byte)(content.Length >> 8), (byte)content.Length, 0, 0 });
        stream.Write(content);
    }

    private static bool ReadExactly(Socket socket, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
